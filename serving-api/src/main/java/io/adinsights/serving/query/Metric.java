package io.adinsights.serving.query;

import java.util.Locale;
import java.util.Optional;

/** What an endpoint answers: one metric of ARCHITECTURE.md, or the summary of all three. */
public enum Metric {
    IMPRESSIONS("impressions"),
    CLICKS("clicks"),
    CLICK_TO_BASKET("clickToBasket"),
    SUMMARY("summary");

    private final String pathName;

    Metric(String pathName) {
        this.pathName = pathName;
    }

    /** The name in the URL and in answers, e.g. {@code clickToBasket}. */
    public String pathName() {
        return pathName;
    }

    public static Optional<Metric> fromPathName(String name) {
        for (Metric metric : values()) {
            if (metric.pathName.equals(name) || metric.pathName.toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
