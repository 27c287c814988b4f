package io.adinsights.batch.aggregation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The exact rows of the hourly tables for a set of hours: after the commit, these hours hold exactly these rows.
 *
 * @param hours            the recomputed event-time hours
 * @param campaignRows     {@code campaign_metrics_hourly} rows of those hours
 * @param unattributedRows {@code unattributed_baskets_hourly} rows of those hours
 */
public record HourlyRows(SortedSet<Instant> hours, Dataset<Row> campaignRows, Dataset<Row> unattributedRows) {

    public HourlyRows {
        hours = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(hours, "hours is null")));
        requireNonNull(campaignRows, "campaignRows is null");
        requireNonNull(unattributedRows, "unattributedRows is null");
    }
}
