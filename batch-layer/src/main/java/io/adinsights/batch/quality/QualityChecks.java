package io.adinsights.batch.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.adinsights.batch.LakeNames;
import io.adinsights.batch.ScalaSeqs;
import io.adinsights.batch.aggregation.HourlyRows;
import io.adinsights.batch.compaction.CompactionResult;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.validation.RejectionReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The quality checks of a run, on what it wrote to {@code ad_events} and {@code dead_letters} and on the hourly rows
 * it is about to commit. Any failure keeps the batch watermark where it is.
 */
public final class QualityChecks {

    private static final List<String> EVENT_TYPES =
            Arrays.stream(EventType.values()).map(EventType::wireName).toList();
    private static final List<String> REASONS =
            Arrays.stream(RejectionReason.values()).map(Enum::name).toList();

    private final SparkSession spark;
    private final LakeNames names;
    private final double maxDeadLetterRatio;

    public QualityChecks(SparkSession spark, LakeNames names, double maxDeadLetterRatio) {
        this.spark = requireNonNull(spark, "spark is null");
        this.names = requireNonNull(names, "names is null");
        this.maxDeadLetterRatio = maxDeadLetterRatio;
    }

    public List<QualityOutcome> run(CompactionResult compaction, Optional<HourlyRows> rows) {
        requireNonNull(compaction, "compaction is null");
        requireNonNull(rows, "rows is null");
        List<QualityOutcome> outcomes = new ArrayList<>();
        outcomes.addAll(input(compaction));
        outcomes.addAll(adEvents(compaction));
        outcomes.addAll(deadLetters(compaction));
        rows.ifPresent(hourly -> outcomes.addAll(hourly(hourly)));
        return outcomes;
    }

    /** Checks of the run's input that need no Deequ: the dead-letter share and unreadable files. */
    private List<QualityOutcome> input(CompactionResult compaction) {
        List<QualityOutcome> outcomes = new ArrayList<>();
        double ratio = compaction.recordsRead() == 0
                ? 0 : (double) compaction.invalidRecords() / compaction.recordsRead();
        outcomes.add(new QualityOutcome("raw records", "dead-letter share <= " + maxDeadLetterRatio,
                ratio <= maxDeadLetterRatio,
                ratio <= maxDeadLetterRatio ? "" : String.format("%d of %d records are dead letters (%.4f)",
                        compaction.invalidRecords(), compaction.recordsRead(), ratio)));
        outcomes.add(new QualityOutcome("raw files", "no file quarantined", compaction.quarantined().isEmpty(),
                compaction.quarantined().isEmpty() ? "" : compaction.quarantined().size()
                        + " file(s) quarantined, their hours are incomplete: " + compaction.quarantined()));
        return outcomes;
    }

    /** The rows of ad_events that hold this batch's eventIds: each once, complete, of a known type. */
    private List<QualityOutcome> adEvents(CompactionResult compaction) {
        long expected = compaction.events().count();
        Dataset<Row> written = spark.table(names.adEvents())
                .join(compaction.events().select("event_id"), ScalaSeqs.of("event_id"), "left_semi");
        return DeequCheck.on("ad_events (this batch's eventIds)")
                .hasSize(size -> size == expected, "every distinct event of the batch, once: " + expected)
                .isUnique("event_id")
                .isComplete("event_id")
                .isComplete("event_type")
                .isComplete("event_time")
                .isComplete("source")
                .isComplete("ingested_at")
                .isContainedIn("event_type", EVENT_TYPES)
                .satisfies("event_type = '" + EventType.ADD_TO_BASKET.wireName()
                        + "' OR (campaign_id IS NOT NULL AND ad_id IS NOT NULL)", "impressions and clicks have ids")
                .satisfies("event_type <> '" + EventType.ADD_TO_BASKET.wireName() + "' OR click_id IS NOT NULL",
                        "baskets name a click")
                .verify(written);
    }

    private List<QualityOutcome> deadLetters(CompactionResult compaction) {
        long expected = compaction.invalidRecords();
        Dataset<Row> written = spark.table(names.deadLetters())
                .join(compaction.origins(), ScalaSeqs.of("origin"), "left_semi");
        return DeequCheck.on("dead_letters (this batch's origins)")
                .hasSize(size -> size == expected, "every invalid record of the batch, once: " + expected)
                .isUnique("origin")
                .isComplete("raw")
                .isComplete("reason")
                .isComplete("message")
                .isContainedIn("reason", REASONS)
                .verify(written);
    }

    private List<QualityOutcome> hourly(HourlyRows rows) {
        List<QualityOutcome> outcomes = new ArrayList<>();
        outcomes.addAll(DeequCheck.on("campaign_metrics_hourly (recomputed hours)")
                .isComplete("campaign_id")
                .isComplete("ad_id")
                .isComplete("hour")
                .isUnique(List.of("campaign_id", "ad_id", "hour"))
                .isNonNegative("impressions")
                .isNonNegative("clicks")
                .isNonNegative("click_to_basket")
                .satisfies("impressions + clicks + click_to_basket > 0", "no empty rows")
                .verify(rows.campaignRows()));
        outcomes.addAll(DeequCheck.on("unattributed_baskets_hourly (recomputed hours)")
                .isComplete("hour")
                .isUnique("hour")
                .satisfies("baskets > 0", "no empty rows")
                .verify(rows.unattributedRows()));
        outcomes.add(basketsAccountedFor(rows));
        return outcomes;
    }

    /** Every basket of the hours is either credited to exactly one campaign and ad, or unattributed. */
    private QualityOutcome basketsAccountedFor(HourlyRows rows) {
        Row credited = rows.campaignRows().agg(sum("click_to_basket")).first();
        Row unattributed = rows.unattributedRows().agg(sum("baskets")).first();
        long total = (credited.isNullAt(0) ? 0 : credited.getLong(0))
                + (unattributed.isNullAt(0) ? 0 : unattributed.getLong(0));
        // Counted independently of the aggregation: Spark's own UTC hour truncation (the session is in UTC).
        long baskets = spark.table(names.adEvents())
                .filter(col("event_type").equalTo(EventType.ADD_TO_BASKET.wireName())
                        .and(col("event_time").geq(lit(rows.hours().first())))
                        .and(col("event_time").lt(lit(Granularity.HOUR.bucketEnd(rows.hours().last()))))
                        .and(date_trunc("HOUR", col("event_time")).isin(rows.hours().toArray())))
                .agg(countDistinct("event_id"))
                .first().getLong(0);
        return new QualityOutcome("hourly tables", "click_to_basket + unattributed = baskets of the hours",
                total == baskets, total == baskets ? "" : String.format(
                        "%d credited or unattributed, %d baskets in ad_events", total, baskets));
    }
}
