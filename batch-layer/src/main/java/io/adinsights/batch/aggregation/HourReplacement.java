package io.adinsights.batch.aggregation;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.adinsights.batch.LakeNames;
import io.adinsights.batch.ScalaSeqs;
import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Replaces whole hours of the hourly tables, one MERGE commit per table: rows of the hours are updated or inserted,
 * and rows of the hours that the new computation no longer has are deleted (a basket that a late click now
 * attributes leaves the unattributed table). The tables are partitioned by month, so a partition overwrite would
 * replace whole months; the MERGE touches only the files that hold rows of these hours.
 */
public final class HourReplacement {

    private static final List<String> CAMPAIGN_KEYS = List.of("campaign_id", "ad_id", "hour");
    private static final List<String> CAMPAIGN_VALUES = List.of("impressions", "clicks", "click_to_basket");
    private static final List<String> UNATTRIBUTED_KEYS = List.of("hour");
    private static final List<String> UNATTRIBUTED_VALUES = List.of("baskets");

    private final SparkSession spark;
    private final LakeNames names;

    public HourReplacement(SparkSession spark, LakeNames names) {
        this.spark = requireNonNull(spark, "spark is null");
        this.names = requireNonNull(names, "names is null");
    }

    /**
     * Commits the unattributed hours, then the campaign hours with {@code campaignCommitProperties} (the batch
     * watermark) in the same commit, so the watermark is published only when both tables hold the hours.
     */
    public void commit(HourlyRows rows, Map<String, String> campaignCommitProperties) {
        requireNonNull(rows, "rows is null");
        requireNonNull(campaignCommitProperties, "campaignCommitProperties is null");
        replace(names.unattributedBasketsHourly(), rows.unattributedRows(), rows.hours(),
                UNATTRIBUTED_KEYS, UNATTRIBUTED_VALUES, Map.of());
        replace(names.campaignMetricsHourly(), rows.campaignRows(), rows.hours(),
                CAMPAIGN_KEYS, CAMPAIGN_VALUES, campaignCommitProperties);
    }

    private void replace(String table, Dataset<Row> fresh, SortedSet<Instant> hours, List<String> keys,
            List<String> values, Map<String, String> commitProperties) {
        Column[] keyColumns = keys.stream().map(k -> col(k)).toArray(Column[]::new);
        Dataset<Row> gone = spark.table(table)
                .filter(col("hour").isin(hours.toArray()))
                .select(keyColumns)
                .join(fresh.select(keyColumns), ScalaSeqs.of(keys), "left_anti");
        List<Column> tombstone = new ArrayList<>(List.of(keyColumns));
        values.forEach(v -> tombstone.add(lit(0L).as(v)));
        Dataset<Row> source = fresh.withColumn("deleted", lit(false))
                .unionByName(gone.select(tombstone.toArray(Column[]::new)).withColumn("deleted", lit(true)));
        String view = "replacement_" + table.replace('.', '_');
        source.createOrReplaceTempView(view);

        String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
                + String.format(" AND t.hour >= TIMESTAMP '%s' AND t.hour < TIMESTAMP '%s'",
                        hours.first(), Granularity.HOUR.bucketEnd(hours.last()));
        String update = values.stream().map(v -> v + " = s." + v).collect(Collectors.joining(", "));
        List<String> columns = new ArrayList<>(keys);
        columns.addAll(values);
        String merge = "MERGE INTO " + table + " t USING " + view + " s ON " + on
                + " WHEN MATCHED AND s.deleted THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET " + update
                + " WHEN NOT MATCHED AND NOT s.deleted THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
        CommitMetadata.withCommitProperties(commitProperties, () -> spark.sql(merge), RuntimeException.class);
    }
}
