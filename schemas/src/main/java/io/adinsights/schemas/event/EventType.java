package io.adinsights.schemas.event;

import java.util.Optional;

/** The three kinds of event the platform counts, with their wire names. */
public enum EventType {
    IMPRESSION("impression"),
    CLICK("click"),
    ADD_TO_BASKET("add_to_basket");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the JSON contract, e.g. {@code add_to_basket}. */
    public String wireName() {
        return wireName;
    }

    /** Whether events of this type belong to a campaign directly (impressions and clicks do, baskets do not). */
    public boolean carriesCampaign() {
        return this != ADD_TO_BASKET;
    }

    public static Optional<EventType> fromWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
