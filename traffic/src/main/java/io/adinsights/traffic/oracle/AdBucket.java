package io.adinsights.traffic.oracle;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;

/** A row key of the per-ad tables: sorted by campaign, ad, then time. */
public record AdBucket(String campaignId, String adId, Instant bucketStart) implements Comparable<AdBucket> {

    private static final Comparator<AdBucket> ORDER = Comparator.comparing(AdBucket::campaignId)
            .thenComparing(AdBucket::adId)
            .thenComparing(AdBucket::bucketStart);

    public AdBucket {
        requireNonNull(campaignId, "campaignId is null");
        requireNonNull(adId, "adId is null");
        requireNonNull(bucketStart, "bucketStart is null");
    }

    @Override
    public int compareTo(AdBucket other) {
        return ORDER.compare(this, other);
    }
}
