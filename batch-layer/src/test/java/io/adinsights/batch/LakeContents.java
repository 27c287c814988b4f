package io.adinsights.batch;

import io.adinsights.schemas.parse.RecordReader;
import io.adinsights.schemas.validation.RejectionReason;
import io.adinsights.traffic.oracle.AdBucket;
import io.adinsights.traffic.oracle.CampaignBucket;
import io.adinsights.traffic.oracle.Counts;
import io.adinsights.traffic.oracle.ExpectedDeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The lake tables read back as the oracle's row types, to compare whole tables. */
final class LakeContents {

    private final SparkSession spark;
    private final LakeNames names;

    LakeContents(SparkSession spark, LakeNames names) {
        this.spark = spark;
        this.names = names;
    }

    SortedMap<AdBucket, Counts> adRows() {
        SortedMap<AdBucket, Counts> rows = new TreeMap<>();
        for (Row row : spark.table(names.campaignMetricsHourly()).collectAsList()) {
            Counts previous = rows.put(
                    new AdBucket(row.getAs("campaign_id"), row.getAs("ad_id"), row.<Instant>getAs("hour")),
                    new Counts(row.<Long>getAs("impressions"), row.<Long>getAs("clicks"),
                            row.<Long>getAs("click_to_basket")));
            if (previous != null) {
                throw new AssertionError("Duplicate campaign_metrics_hourly row: " + row);
            }
        }
        return rows;
    }

    SortedMap<CampaignBucket, Counts> campaignRows() {
        SortedMap<CampaignBucket, Counts> rows = new TreeMap<>();
        adRows().forEach((bucket, counts) -> rows.merge(new CampaignBucket(bucket.campaignId(), bucket.bucketStart()),
                counts, (a, b) -> new Counts(a.impressions() + b.impressions(), a.clicks() + b.clicks(),
                        a.clickToBasket() + b.clickToBasket())));
        return rows;
    }

    SortedMap<Instant, Long> unattributedRows() {
        SortedMap<Instant, Long> rows = new TreeMap<>();
        for (Row row : spark.table(names.unattributedBasketsHourly()).collectAsList()) {
            if (rows.put(row.<Instant>getAs("hour"), row.<Long>getAs("baskets")) != null) {
                throw new AssertionError("Duplicate unattributed_baskets_hourly row: " + row);
            }
        }
        return rows;
    }

    /** Dead letters as sorted "REASON raw" lines. */
    List<String> deadLetters() {
        List<String> lines = new ArrayList<>();
        for (Row row : spark.table(names.deadLetters()).collectAsList()) {
            lines.add(row.getAs("reason") + " " + new String((byte[]) row.getAs("raw"), StandardCharsets.UTF_8));
        }
        lines.sort(null);
        return lines;
    }

    /** The dead letters the oracle expects, as {@link #deadLetters()} shows them (oversized records cut at 1 MiB). */
    static List<String> expectedDeadLetters(List<ExpectedDeadLetter> expected) {
        List<String> lines = new ArrayList<>();
        for (ExpectedDeadLetter letter : expected) {
            byte[] raw = letter.reason() == RejectionReason.RECORD_TOO_LARGE
                    ? Arrays.copyOf(letter.payload(), RecordReader.MAX_RECORD_BYTES_DEFAULT)
                    : letter.payload();
            lines.add(letter.reason() + " " + new String(raw, StandardCharsets.UTF_8).strip());
        }
        lines.sort(null);
        return lines;
    }

    /** Every row of every table, sorted, to compare two states of the lake. */
    Map<String, List<String>> snapshot() {
        return Map.of(
                "ad_events", sortedRows(names.adEvents()),
                "dead_letters", sortedRows(names.deadLetters()),
                "campaign_metrics_hourly", sortedRows(names.campaignMetricsHourly()),
                "unattributed_baskets_hourly", sortedRows(names.unattributedBasketsHourly()));
    }

    private List<String> sortedRows(String table) {
        List<String> rows = new ArrayList<>();
        for (Row row : spark.table(table).collectAsList()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                text.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value)).append('|');
            }
            rows.add(text.toString());
        }
        rows.sort(null);
        return rows;
    }
}
