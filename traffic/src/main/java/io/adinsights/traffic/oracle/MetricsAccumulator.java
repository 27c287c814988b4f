package io.adinsights.traffic.oracle;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.rules.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts a set of distinct events by the definitions, as plainly as possible: each event is counted straight into
 * its campaign row and its ad row (neither is derived from the other), and baskets are attributed once every click
 * is known, because a click may arrive after its basket.
 */
final class MetricsAccumulator {

    private final Map<String, AdEvent> clicksById = new HashMap<>();
    private final List<AdEvent> baskets = new ArrayList<>();
    private final Map<Granularity, SortedMap<CampaignBucket, Counts>> campaignRows = new EnumMap<>(Granularity.class);
    private final Map<Granularity, SortedMap<AdBucket, Counts>> adRows = new EnumMap<>(Granularity.class);
    private final Map<Granularity, SortedMap<Instant, Long>> unattributedRows = new EnumMap<>(Granularity.class);

    MetricsAccumulator() {
        for (Granularity granularity : Granularity.values()) {
            campaignRows.put(granularity, new TreeMap<>());
            adRows.put(granularity, new TreeMap<>());
            unattributedRows.put(granularity, new TreeMap<>());
        }
    }

    /** Adds one distinct event: the caller has already removed duplicates. */
    void add(AdEvent event) {
        switch (event.eventType()) {
            case IMPRESSION -> count(event.campaignId(), event.adId(), event.eventTime(), Metric.IMPRESSIONS);
            case CLICK -> {
                count(event.campaignId(), event.adId(), event.eventTime(), Metric.CLICKS);
                clicksById.put(event.eventId(), event);
            }
            case ADD_TO_BASKET -> baskets.add(event);
            default -> throw new IllegalArgumentException("Unknown event type " + event.eventType());
        }
    }

    /** Attributes the baskets: a basket counts for its click's campaign and ad when 0 <= delay <= W. */
    MetricsTruth build(Duration attributionWindow) {
        long windowMillis = attributionWindow.toMillis();
        for (AdEvent basket : baskets) {
            AdEvent click = clicksById.get(basket.clickId());
            long delayMillis = click == null ? -1
                    : basket.eventTime().toEpochMilli() - click.eventTime().toEpochMilli();
            if (click != null && delayMillis >= 0 && delayMillis <= windowMillis) {
                count(click.campaignId(), click.adId(), basket.eventTime(), Metric.CLICK_TO_BASKET);
            } else {
                for (Granularity granularity : Granularity.values()) {
                    unattributedRows.get(granularity).merge(bucket(granularity, basket.eventTime()), 1L, Long::sum);
                }
            }
        }
        return new MetricsTruth(campaignRows, adRows, unattributedRows);
    }

    private void count(String campaignId, String adId, Instant eventTime, Metric metric) {
        Counts one = switch (metric) {
            case IMPRESSIONS -> new Counts(1, 0, 0);
            case CLICKS -> new Counts(0, 1, 0);
            case CLICK_TO_BASKET -> new Counts(0, 0, 1);
        };
        for (Granularity granularity : Granularity.values()) {
            Instant bucket = bucket(granularity, eventTime);
            campaignRows.get(granularity).merge(new CampaignBucket(campaignId, bucket), one, MetricsAccumulator::sum);
            adRows.get(granularity).merge(new AdBucket(campaignId, adId, bucket), one, MetricsAccumulator::sum);
        }
    }

    private static Instant bucket(Granularity granularity, Instant eventTime) {
        return Instant.ofEpochMilli(Buckets.startMillis(granularity, eventTime.toEpochMilli()));
    }

    private static Counts sum(Counts a, Counts b) {
        return new Counts(a.impressions() + b.impressions(), a.clicks() + b.clicks(),
                a.clickToBasket() + b.clickToBasket());
    }
}
