package io.adinsights.traffic.oracle;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The expected metric tables of one layer: per campaign, per ad and unattributed, by UTC minute and hour. Only
 * non-zero rows are held; a lookup of any other bucket gives zero. Bucket starts must be whole buckets.
 */
public final class MetricsTruth {

    private final Map<Granularity, SortedMap<CampaignBucket, Counts>> campaignRows;
    private final Map<Granularity, SortedMap<AdBucket, Counts>> adRows;
    private final Map<Granularity, SortedMap<Instant, Long>> unattributedRows;

    MetricsTruth(Map<Granularity, SortedMap<CampaignBucket, Counts>> campaignRows,
            Map<Granularity, SortedMap<AdBucket, Counts>> adRows,
            Map<Granularity, SortedMap<Instant, Long>> unattributedRows) {
        this.campaignRows = frozen(campaignRows);
        this.adRows = frozen(adRows);
        this.unattributedRows = frozen(unattributedRows);
    }

    /** The counts of all ads of a campaign in one bucket. */
    public Counts campaign(Granularity granularity, String campaignId, Instant bucketStart) {
        requireNonNull(campaignId, "campaignId is null");
        checkBucketStart(granularity, bucketStart);
        return campaignRows.get(granularity).getOrDefault(new CampaignBucket(campaignId, bucketStart), Counts.ZERO);
    }

    /** The counts of one ad in one bucket. */
    public Counts ad(Granularity granularity, String campaignId, String adId, Instant bucketStart) {
        requireNonNull(campaignId, "campaignId is null");
        requireNonNull(adId, "adId is null");
        checkBucketStart(granularity, bucketStart);
        return adRows.get(granularity).getOrDefault(new AdBucket(campaignId, adId, bucketStart), Counts.ZERO);
    }

    /** Baskets in the bucket that no campaign is credited with. */
    public long unattributed(Granularity granularity, Instant bucketStart) {
        checkBucketStart(granularity, bucketStart);
        return unattributedRows.get(granularity).getOrDefault(bucketStart, 0L);
    }

    /** Every non-zero per-campaign row, sorted by campaign then time: for whole-table comparison. */
    public SortedMap<CampaignBucket, Counts> campaignRows(Granularity granularity) {
        return campaignRows.get(requireNonNull(granularity, "granularity is null"));
    }

    /** Every non-zero per-ad row, sorted by campaign, ad, then time. */
    public SortedMap<AdBucket, Counts> adRows(Granularity granularity) {
        return adRows.get(requireNonNull(granularity, "granularity is null"));
    }

    /** Every non-zero unattributed row, by bucket start. */
    public SortedMap<Instant, Long> unattributedRows(Granularity granularity) {
        return unattributedRows.get(requireNonNull(granularity, "granularity is null"));
    }

    /** A metric of a campaign over {@code [from, to)}; both ends must be whole UTC minutes. */
    public long total(String campaignId, Metric metric, Instant from, Instant to) {
        requireNonNull(campaignId, "campaignId is null");
        requireNonNull(metric, "metric is null");
        checkRange(from, to);
        return campaignRows.get(Granularity.MINUTE)
                .subMap(new CampaignBucket(campaignId, from), new CampaignBucket(campaignId, to))
                .values().stream()
                .mapToLong(counts -> counts.get(metric))
                .sum();
    }

    /** Unattributed baskets over {@code [from, to)}; both ends must be whole UTC minutes. */
    public long totalUnattributed(Instant from, Instant to) {
        checkRange(from, to);
        return unattributedRows.get(Granularity.MINUTE).subMap(from, to).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static void checkRange(Instant from, Instant to) {
        checkBucketStart(Granularity.MINUTE, from);
        checkBucketStart(Granularity.MINUTE, to);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Invalid range: [" + from + ", " + to + ") (ends before it starts)");
        }
    }

    private static void checkBucketStart(Granularity granularity, Instant bucketStart) {
        requireNonNull(granularity, "granularity is null");
        requireNonNull(bucketStart, "bucketStart is null");
        long millis = bucketStart.toEpochMilli();
        if (bucketStart.getNano() % 1_000_000 != 0 || Buckets.startMillis(granularity, millis) != millis) {
            throw new IllegalArgumentException("Invalid bucket start: " + bucketStart + " (must be the start of a UTC "
                    + granularity.name().toLowerCase(Locale.ROOT) + ")");
        }
    }

    private static <K, V> Map<Granularity, SortedMap<K, V>> frozen(Map<Granularity, SortedMap<K, V>> rows) {
        Map<Granularity, SortedMap<K, V>> copy = new EnumMap<>(Granularity.class);
        for (Granularity granularity : Granularity.values()) {
            copy.put(granularity, Collections.unmodifiableSortedMap(new TreeMap<>(rows.get(granularity))));
        }
        return Collections.unmodifiableMap(copy);
    }
}
