package io.adinsights.schemas.cql;

import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The speed layer's metric tables in ScyllaDB. A partition holds one UTC day of minutes or one UTC month of hours
 * for one campaign, so a 30-day hourly query reads at most two partitions and a day of minutes reads one. Ad rows
 * cluster by ad then time in the campaign's partition: one read serves one ad or the whole breakdown.
 */
public enum MetricTable {
    CAMPAIGN_BY_MINUTE("campaign_metrics_by_minute", Granularity.MINUTE, Level.CAMPAIGN),
    CAMPAIGN_BY_HOUR("campaign_metrics_by_hour", Granularity.HOUR, Level.CAMPAIGN),
    AD_BY_MINUTE("ad_metrics_by_minute", Granularity.MINUTE, Level.AD),
    AD_BY_HOUR("ad_metrics_by_hour", Granularity.HOUR, Level.AD),
    UNATTRIBUTED_BY_MINUTE("unattributed_baskets_by_minute", Granularity.MINUTE, Level.UNATTRIBUTED),
    UNATTRIBUTED_BY_HOUR("unattributed_baskets_by_hour", Granularity.HOUR, Level.UNATTRIBUTED);

    /** What one row of a table counts. */
    public enum Level {
        /** impressions, clicks and clickToBasket of one campaign in one bucket */
        CAMPAIGN,
        /** the same for one ad of a campaign */
        AD,
        /** baskets that could not be credited to any campaign, in one bucket */
        UNATTRIBUTED
    }

    private final String tableName;
    private final Granularity granularity;
    private final Level level;

    MetricTable(String tableName, Granularity granularity, Level level) {
        this.tableName = tableName;
        this.granularity = granularity;
        this.level = level;
    }

    public String tableName() {
        return tableName;
    }

    public Granularity granularity() {
        return granularity;
    }

    public Level level() {
        return level;
    }

    public static MetricTable of(Granularity granularity, Level level) {
        for (MetricTable table : values()) {
            if (table.granularity == granularity && table.level == level) {
                return table;
            }
        }
        throw new IllegalArgumentException("No table for " + granularity + " / " + level);
    }

    /** The value of the {@value CqlSchema#PERIOD} partition column for a bucket: its UTC day, or its UTC month. */
    public LocalDate periodOf(Instant bucketStart) {
        LocalDate day = LocalDate.ofInstant(bucketStart, ZoneOffset.UTC);
        return granularity == Granularity.MINUTE ? day : day.withDayOfMonth(1);
    }

    /** The next period after the one holding {@code bucketStart}. */
    public LocalDate nextPeriod(LocalDate period) {
        return granularity == Granularity.MINUTE ? period.plusDays(1) : period.plusMonths(1);
    }
}
