package io.adinsights.serving.store;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.util.Optional;

/**
 * What a store is asked: the stored buckets of {@code [from, to)} of one campaign (or one of its ads) at a stored
 * granularity. {@code from} and {@code to} start buckets of that granularity.
 */
public record SeriesRequest(String campaignId, Optional<String> adId, Granularity granularity, Instant from,
        Instant to) {

    public SeriesRequest {
        requireNonNull(campaignId, "campaignId is null");
        requireNonNull(adId, "adId is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (!granularity.isBucketStart(from) || !granularity.isBucketStart(to) || !from.isBefore(to)) {
            throw new IllegalArgumentException("Invalid series request: [" + from + ", " + to + ") by " + granularity);
        }
    }
}
