package io.adinsights.serving.query;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A validated request: one campaign (optionally one of its ads), one metric, the range {@code [from, to)} whose ends
 * start buckets of the granularity in the zone.
 */
public record MetricQuery(String campaignId, Optional<String> adId, Metric metric, Instant from, Instant to,
        BucketSize granularity, ZoneId zone) {

    public MetricQuery {
        requireNonNull(campaignId, "campaignId is null");
        requireNonNull(adId, "adId is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(zone, "zone is null");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("Invalid range: [" + from + ", " + to + ") is empty");
        }
    }
}
