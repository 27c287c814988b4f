package io.adinsights.speed.parse;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The part of a valid {@link AdEvent} that the speed layer counts, so that state and network shuffles carry a few
 * fields instead of the whole event. Shuffles use {@link ParsedEventSerializer}; the click kept by attribution stays a
 * POJO in state ({@link #POJO_TYPE}), so that its checkpoints restore.
 */
@TypeInfo(ParsedEventSerializer.TypeFactory.class)
public class ParsedEvent {

    /** The POJO type of the fields below, as Flink derived it before this class named its own serializer. */
    public static final TypeInformation<ParsedEvent> POJO_TYPE = Types.POJO(ParsedEvent.class, Map.of(
            "eventId", Types.STRING, "eventType", Types.ENUM(EventType.class), "eventTime", Types.LONG,
            "campaignId", Types.STRING, "adId", Types.STRING, "clickId", Types.STRING));

    public String eventId;
    public EventType eventType;
    /** Event time in epoch milliseconds (the contract keeps milliseconds only). */
    public long eventTime;
    /** Impressions and clicks only. */
    public String campaignId;
    /** Impressions and clicks only. */
    public String adId;
    /** Baskets only: the eventId of the click they follow. */
    public String clickId;

    public ParsedEvent() {
    }

    public static ParsedEvent of(AdEvent event) {
        ParsedEvent parsed = new ParsedEvent();
        parsed.eventId = event.eventId();
        parsed.eventType = event.eventType();
        parsed.eventTime = event.eventTime().toEpochMilli();
        parsed.campaignId = event.campaignId();
        parsed.adId = event.adId();
        parsed.clickId = event.clickId();
        return parsed;
    }

    public static ParsedEvent impression(String eventId, long eventTime, String campaignId, String adId) {
        return of(EventType.IMPRESSION, eventId, eventTime, campaignId, adId, null);
    }

    public static ParsedEvent click(String eventId, long eventTime, String campaignId, String adId) {
        return of(EventType.CLICK, eventId, eventTime, campaignId, adId, null);
    }

    public static ParsedEvent basket(String eventId, long eventTime, String clickId) {
        return of(EventType.ADD_TO_BASKET, eventId, eventTime, null, null, clickId);
    }

    private static ParsedEvent of(EventType type, String eventId, long eventTime, String campaignId, String adId,
            String clickId) {
        ParsedEvent parsed = new ParsedEvent();
        parsed.eventId = eventId;
        parsed.eventType = type;
        parsed.eventTime = eventTime;
        parsed.campaignId = campaignId;
        parsed.adId = adId;
        parsed.clickId = clickId;
        return parsed;
    }

    /** The key that brings a click and its baskets together: the click's eventId. */
    public String attributionKey() {
        return eventType == EventType.ADD_TO_BASKET ? clickId : eventId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParsedEvent that && eventTime == that.eventTime && eventType == that.eventType
                && Objects.equals(eventId, that.eventId) && Objects.equals(campaignId, that.campaignId)
                && Objects.equals(adId, that.adId) && Objects.equals(clickId, that.clickId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventType, eventTime, campaignId, adId, clickId);
    }

    @Override
    public String toString() {
        return eventType + " " + eventId + "@" + eventTime + (clickId != null ? " click " + clickId
                : " " + campaignId + "/" + adId);
    }
}
