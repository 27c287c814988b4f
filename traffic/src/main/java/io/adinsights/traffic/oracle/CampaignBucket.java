package io.adinsights.traffic.oracle;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;

/** A row key of the per-campaign tables: sorted by campaign, then time. */
public record CampaignBucket(String campaignId, Instant bucketStart) implements Comparable<CampaignBucket> {

    private static final Comparator<CampaignBucket> ORDER = Comparator.comparing(CampaignBucket::campaignId)
            .thenComparing(CampaignBucket::bucketStart);

    public CampaignBucket {
        requireNonNull(campaignId, "campaignId is null");
        requireNonNull(bucketStart, "bucketStart is null");
    }

    @Override
    public int compareTo(CampaignBucket other) {
        return ORDER.compare(this, other);
    }
}
