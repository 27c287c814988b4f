package io.adinsights.batch;

import static java.util.Objects.requireNonNull;

import io.adinsights.batch.aggregation.HourReplacement;
import io.adinsights.batch.aggregation.HourlyAggregation;
import io.adinsights.batch.aggregation.HourlyRows;
import io.adinsights.batch.compaction.Compaction;
import io.adinsights.batch.compaction.CompactionResult;
import io.adinsights.batch.compaction.RawHours;
import io.adinsights.batch.quality.QualityChecks;
import io.adinsights.batch.quality.QualityOutcome;
import io.adinsights.batch.watermark.WatermarkPolicy;
import io.adinsights.lakehouse.tables.LakehouseTables;
import io.adinsights.lakehouse.watermark.BatchWatermark;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One batch run, as the diagram reads: compact raw hours → aggregate every touched event-time hour → check quality →
 * replace the hours with the batch watermark in the aggregate commit. The data commit happens even when input checks
 * fail (the counts are exact for what the lake holds), with the previous watermark; when the checks of the hourly
 * rows themselves fail, the hourly tables are left alone. Either way the watermark stays and the report says why.
 */
public final class BatchPipeline {

    private final SparkSession spark;
    private final BatchConfig config;
    private final Clock clock;
    private final Consumer<String> progress;
    private final LakeNames names;

    public BatchPipeline(SparkSession spark, BatchConfig config, Clock clock, Consumer<String> progress) {
        this.spark = requireNonNull(spark, "spark is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.names = LakeNames.of(config.lakehouse());
    }

    public RunReport run(RawHours hours) {
        requireNonNull(hours, "hours is null");
        Instant runTime = clock.instant();
        createMissingTables();

        CompactionResult compaction = new Compaction(spark, names, config.rawZone(), config.quarantineDir(), progress)
                .compact(hours, runTime);
        List<HourlyRows> cached = new ArrayList<>();
        try {
            return aggregateCheckAndPublish(hours, runTime, compaction, cached);
        } finally {
            // Also when a step fails: the cached rows and the run's checkpoint would otherwise stay in the memory of
            // a long-lived driver.
            for (HourlyRows hourly : cached) {
                hourly.campaignRows().unpersist();
                hourly.unattributedRows().unpersist();
            }
            compaction.release();
        }
    }

    /** Everything after compaction; the hourly rows it caches are added to {@code cached}. */
    private RunReport aggregateCheckAndPublish(RawHours hours, Instant runTime, CompactionResult compaction,
            List<HourlyRows> cached) {
        long distinctEvents = compaction.events().count();

        HourlyAggregation aggregation = new HourlyAggregation(spark, names, config.attributionWindow());
        SortedSet<Instant> touched = aggregation.touchedHours(compaction.events());
        Optional<HourlyRows> rows = touched.isEmpty()
                ? Optional.empty() : Optional.of(persisted(aggregation.compute(touched)));
        rows.ifPresent(cached::add);
        progress.accept(String.format("aggregation: %d distinct events touch %d event-time hours%s",
                distinctEvents, touched.size(), touched.isEmpty() ? "" : " from " + touched.first() + " to "
                        + touched.last()));

        List<QualityOutcome> outcomes = new QualityChecks(spark, names, config.maxDeadLetterRatio())
                .run(compaction, rows);
        outcomes.forEach(outcome -> progress.accept(outcome.logLine()));
        boolean checksPassed = outcomes.stream().allMatch(QualityOutcome::passed);
        boolean rowsSound = outcomes.stream()
                .filter(outcome -> outcome.dataset().contains("hourly"))
                .allMatch(QualityOutcome::passed);

        Table metrics = BatchSession.loadTable(spark, names.campaignMetricsHourly());
        Optional<Instant> before = BatchWatermark.read(metrics);
        Instant candidate = WatermarkPolicy.candidate(compaction.compactedThrough(), config.completenessDelay());
        Optional<Instant> after = WatermarkPolicy.next(before, candidate, checksPassed);
        Map<String, String> commitProperties = after.map(BatchWatermark::commitProperties).orElse(Map.of());
        boolean committed = false;
        if (rows.isPresent() && rowsSound) {
            new HourReplacement(spark, names).commit(rows.get(), commitProperties);
            committed = true;
        } else if (!after.equals(before)) {
            // No hour to replace, but the watermark moves: an empty commit carries it.
            var append = metrics.newAppend();
            commitProperties.forEach(append::set);
            append.commit();
        }
        Optional<Instant> published =
                BatchWatermark.read(BatchSession.loadTable(spark, names.campaignMetricsHourly()));
        progress.accept(String.format("watermark: %s -> %s (candidate %s%s)", before.orElse(null),
                published.orElse(null), candidate, checksPassed ? "" : "; held: quality checks failed"));

        RunReport report = new RunReport(hours, runTime, compaction, distinctEvents, touched.size(), outcomes,
                committed, before, published);
        writeReport(report);
        return report;
    }

    private static HourlyRows persisted(HourlyRows rows) {
        return new HourlyRows(rows.hours(), rows.campaignRows().persist(StorageLevel.MEMORY_AND_DISK()),
                rows.unattributedRows().persist(StorageLevel.MEMORY_AND_DISK()));
    }

    /**
     * Creates the lake tables through the session's own Iceberg catalog: a second JDBC catalog on the local SQLite
     * file would wait for the session's connection to release its lock (SQLITE_BUSY).
     */
    private void createMissingTables() {
        LakehouseTables.createMissing(BatchSession.icebergCatalog(spark, config.lakehouse()),
                config.lakehouse().namespace());
    }


    private void writeReport(RunReport report) {
        Path file = new Path(config.reportDir(), "run-" + report.runTime().toEpochMilli() + ".json");
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(file, true)) {
                out.write(report.toJson().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the run report " + file, e);
        }
        progress.accept("report: " + file);
    }
}
