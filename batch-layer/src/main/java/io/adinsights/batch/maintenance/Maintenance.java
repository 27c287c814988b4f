package io.adinsights.batch.maintenance;

import static java.util.Objects.requireNonNull;

import io.adinsights.batch.BatchSession;
import io.adinsights.batch.LakeNames;
import io.adinsights.batch.compaction.Compaction;
import io.adinsights.batch.watermark.SnapshotProperty;
import io.adinsights.lakehouse.watermark.BatchWatermark;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps the lake tables cheap to read: rewrites small data files into few large ones (in the table's sort order
 * when it has one), expires old snapshots (every hourly run commits some, even a MERGE that changes nothing), and
 * removes files no snapshot references (left by failed writes). A rewrite commit carries the table's current batch
 * watermark and compaction progress, so expiring the snapshots that set them never loses them.
 */
public final class Maintenance {

    private final SparkSession spark;
    private final LakeNames names;
    private final Consumer<String> progress;

    public Maintenance(SparkSession spark, LakeNames names, Consumer<String> progress) {
        this.spark = requireNonNull(spark, "spark is null");
        this.names = requireNonNull(names, "names is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /**
     * Retention of a maintenance run.
     *
     * @param snapshotAge    snapshots older than this are expired (time travel reaches back this far)
     * @param snapshotsKept  the newest snapshots kept whatever their age
     * @param orphanAge      unreferenced files older than this are deleted; longer than any write takes, so that
     *                       the files of a commit in progress are never taken for orphans
     */
    public record Settings(Duration snapshotAge, int snapshotsKept, Duration orphanAge) {

        public static final Duration SNAPSHOT_AGE_DEFAULT = Duration.ofDays(7);
        public static final int SNAPSHOTS_KEPT_DEFAULT = 10;
        public static final Duration ORPHAN_AGE_DEFAULT = Duration.ofDays(3);

        public Settings {
            requireNonNull(snapshotAge, "snapshotAge is null");
            requireNonNull(orphanAge, "orphanAge is null");
            if (snapshotsKept < 1) {
                throw new IllegalArgumentException("Invalid snapshotsKept: " + snapshotsKept + " (must be >= 1)");
            }
            if (snapshotAge.isNegative() || orphanAge.isNegative()) {
                throw new IllegalArgumentException(String.format(
                        "Invalid ages: snapshots %s, orphans %s (must be >= 0)", snapshotAge, orphanAge));
            }
        }

        public static Settings defaults() {
            return new Settings(SNAPSHOT_AGE_DEFAULT, SNAPSHOTS_KEPT_DEFAULT, ORPHAN_AGE_DEFAULT);
        }
    }

    /** What maintenance did to one table. */
    public record Result(String table, int filesRewritten, int filesAdded, long snapshotsExpired,
            long orphansDeleted) {
    }

    public List<Result> run(Settings settings, Instant now) {
        requireNonNull(settings, "settings is null");
        requireNonNull(now, "now is null");
        List<Result> results = new ArrayList<>();
        for (String name : List.of(names.adEvents(), names.deadLetters(), names.campaignMetricsHourly(),
                names.unattributedBasketsHourly())) {
            results.add(maintain(name, settings, now));
        }
        return results;
    }

    private Result maintain(String name, Settings settings, Instant now) {
        Table table = BatchSession.loadTable(spark, name);
        RewriteDataFiles rewrite = SparkActions.get(spark).rewriteDataFiles(table)
                .option(RewriteDataFiles.PARTIAL_PROGRESS_ENABLED, "false")
                .option("min-input-files", "2");
        if (table.sortOrder().isSorted()) {
            // Hourly writes sort each file on its own; merged files keep the table's order across all their rows,
            // range-distributed, so that min/max statistics skip most files of a day.
            rewrite = rewrite.sort();
        }
        carriedProperties(table).forEach(rewrite::snapshotProperty);
        RewriteDataFiles.Result rewritten = rewrite.execute();

        ExpireSnapshots.Result expired = SparkActions.get(spark)
                .expireSnapshots(BatchSession.loadTable(spark, name))
                .expireOlderThan(now.minus(settings.snapshotAge()).toEpochMilli())
                .retainLast(settings.snapshotsKept())
                .execute();
        DeleteOrphanFiles.Result orphans = SparkActions.get(spark)
                .deleteOrphanFiles(BatchSession.loadTable(spark, name))
                .olderThan(now.minus(settings.orphanAge()).toEpochMilli())
                .execute();
        long orphanCount = 0;
        for (var ignored : orphans.orphanFileLocations()) {
            orphanCount++;
        }
        Result result = new Result(name, rewritten.rewrittenDataFilesCount(), rewritten.addedDataFilesCount(),
                expired.deletedManifestListsCount(), orphanCount);
        progress.accept(String.format("maintenance %s: %d small files rewritten into %d, %d snapshots expired, "
                + "%d orphan files deleted", name, result.filesRewritten(), result.filesAdded(),
                result.snapshotsExpired(), result.orphansDeleted()));
        return result;
    }

    /** The progress markers the table's snapshots carry, to carry them on in the rewrite commit. */
    private static Map<String, String> carriedProperties(Table table) {
        Map<String, String> properties = new HashMap<>();
        BatchWatermark.read(table)
                .ifPresent(watermark -> properties.putAll(BatchWatermark.commitProperties(watermark)));
        SnapshotProperty.latest(table, Compaction.COMPACTED_THROUGH_PROPERTY)
                .ifPresent(through -> properties.put(Compaction.COMPACTED_THROUGH_PROPERTY, through.toString()));
        return properties;
    }

}
