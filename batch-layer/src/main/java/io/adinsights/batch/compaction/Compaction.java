package io.adinsights.batch.compaction;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import io.adinsights.batch.BatchSession;
import io.adinsights.batch.LakeNames;
import io.adinsights.batch.ScalaSeqs;
import io.adinsights.batch.watermark.SnapshotProperty;
import io.adinsights.schemas.rules.RawZoneLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.spark.SparkWriteOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Compacts a range of raw-zone hours into {@code ad_events} (one row per eventId: events whose event_id the table
 * lacks are appended) and {@code dead_letters} (MERGE on origin), so that a rerun, or a run over overlapping hours,
 * changes nothing. Within a run the first copy of an eventId by (file path, record position) is the event; across
 * runs, the one already in the table. A file whose compressed stream is corrupt is moved to the quarantine directory
 * and nothing of it is committed; the other files go through.
 */
public final class Compaction {

    /** The ad_events snapshot property: the end of the contiguous range of raw hours compacted so far. */
    public static final String COMPACTED_THROUGH_PROPERTY = "adinsights.raw-compacted-through";

    /**
     * Up to this many repeated eventIds, or later copies, are sent whole to every task (tens of MB at most); more (a
     * run over input that largely repeats itself) are joined by shuffling instead.
     */
    private static final long BROADCAST_ROWS_MAX = 500_000;

    private static final List<String> AD_EVENT_COLUMNS = List.of("event_id", "event_type", "event_time",
            "campaign_id", "ad_id", "click_id", "user_id", "retailer_id", "product_id", "placement", "quantity",
            "schema_version", "extra_fields");

    private final SparkSession spark;
    private final LakeNames names;
    private final String rawZone;
    private final String quarantineDir;
    private final Consumer<String> progress;

    public Compaction(SparkSession spark, LakeNames names, String rawZone, String quarantineDir,
            Consumer<String> progress) {
        this.spark = requireNonNull(spark, "spark is null");
        this.names = requireNonNull(names, "names is null");
        this.rawZone = requireNonNull(rawZone, "rawZone is null");
        this.quarantineDir = requireNonNull(quarantineDir, "quarantineDir is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public CompactionResult compact(RawHours hours, Instant runTime) {
        requireNonNull(hours, "hours is null");
        requireNonNull(runTime, "runTime is null");
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<String> directories = new ArrayList<>();
        long files = 0;
        for (Instant hour : hours.hours()) {
            Path directory = new Path(RawHours.directory(rawZone, hour));
            long inHour = countFiles(hadoop, directory);
            if (inHour > 0) {
                directories.add(directory.toString());
                files += inHour;
            }
        }
        progress.accept(String.format("compaction: %d raw files in %d of %d hours [%s, %s)",
                files, directories.size(), hours.hours().size(), hours.from(), hours.to()));

        // Read once and cut from the raw files: everything after this reads the checkpoint, so corrupt files can be
        // moved away while the run still uses the batch.
        KindCounts kinds = new KindCounts(spark.sparkContext());
        JavaRDD<PackedRows> checkpoint = parse(directories, files, kinds);
        List<Dataset<Row>> cached = new ArrayList<>();
        CompactionResult result = null;
        try {
            result = merge(hours, runTime, files, kinds, checkpoint, cached);
            return result;
        } finally {
            // A run that fails frees what it holds as well (Spark's own exceptions may be checked ones, thrown
            // unchecked); one that gets through leaves that to its caller.
            if (result == null) {
                CompactionResult.free(checkpoint, cached);
            }
        }
    }

    /** Merges the parsed records into the tables and quarantines the corrupt files; caches into {@code cached}. */
    private CompactionResult merge(RawHours hours, Instant runTime, long files, KindCounts kinds,
            JavaRDD<PackedRows> checkpoint, List<Dataset<Row>> cached) {
        Dataset<Row> parsed = spark.internalCreateDataFrame(checkpoint.flatMap(PackedRows::rows).rdd(),
                ParsedRecord.SCHEMA, false);
        // Parsing counted the kinds; only when a file is corrupt are its rows looked up and left out of the counts.
        Map<Byte, Long> counts = kinds.counts();
        List<Row> corrupt = List.of();
        Dataset<Row> readable = parsed;
        if (counts.containsKey(ParsedRecord.CORRUPT_FILE)) {
            corrupt = parsed.filter(col(ParsedRecord.KIND).equalTo(ParsedRecord.CORRUPT_FILE))
                    .select("file", "ordinal", "message").collectAsList();
            List<String> corruptFiles = corrupt.stream().map(row -> row.getString(0)).toList();
            readable = parsed.filter(col("file").isin(corruptFiles.toArray()).unary_$bang());
            counts = countByKind(readable);
        }
        long valid = counts.getOrDefault(ParsedRecord.EVENT, 0L);
        long invalid = counts.getOrDefault(ParsedRecord.DEAD_LETTER, 0L);
        progress.accept(String.format("compaction: parsed %d records, %d valid, %d dead letters, %d files corrupt",
                valid + invalid, valid, invalid, corrupt.size()));

        Dataset<Row> events = firstCopies(readable, runTime, cached);
        Dataset<Row> deadLetters = readable.filter(col(ParsedRecord.KIND).equalTo(ParsedRecord.DEAD_LETTER))
                .select(col("raw"), col("reason"), col("message"),
                        concat_ws("#", col("file"), col("ordinal").cast("string")).as("origin"),
                        col("ingest_time").as("received_at"));

        Instant compactedThrough = compactedThrough(hours);
        appendNewEvents(events, compactedThrough);
        if (invalid > 0) {
            // Without dead letters there is nothing to insert: the MERGE would only scan the batch once more.
            mergeDeadLetters(deadLetters);
        }
        Dataset<Row> origins = deadLetters.select("origin").persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(origins);
        progress.accept(String.format("compaction: merged into %s and %s; raw hours compacted through %s",
                names.adEvents(), names.deadLetters(), compactedThrough));

        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<CompactionResult.QuarantinedFile> quarantined = new ArrayList<>();
        for (Row row : corrupt) {
            quarantined.add(quarantine(hadoop, row.getString(0), row.getLong(1), row.getString(2)));
        }
        return new CompactionResult(files, quarantined, valid + invalid, valid, invalid, events, origins,
                compactedThrough, checkpoint, cached);
    }

    /**
     * The parsed records, checkpointed in memory (spilling to local disk): every later step reads them from there,
     * never from the raw files again.
     */
    private JavaRDD<PackedRows> parse(List<String> directories, long files, KindCounts kinds) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        if (directories.isEmpty()) {
            return context.emptyRDD();
        }
        // A file is read whole by one task. Asking for a partition per file keeps files from being packed into as
        // few partitions as there are cores (binaryFiles packs up to total size / partitions): parsing is the
        // costliest step, and a task holding several large files would run alone at the end while cores idle.
        int partitions = (int) Math.min(Integer.MAX_VALUE, Math.max(context.defaultParallelism(), files));
        JavaRDD<PackedRows> packed = context.binaryFiles(String.join(",", directories), partitions)
                .mapPartitions(new RawFileParser(kinds));
        // The parser makes Spark's own rows, packed about 1 MiB to an array: they are checkpointed as they are, where
        // a checkpoint of a DataFrame would copy each row twice more, and one object per row would cost the garbage
        // collector a copy of each.
        packed.rdd().localCheckpoint();
        packed.count();
        return packed;
    }

    private static Map<Byte, Long> countByKind(Dataset<Row> parsed) {
        Map<Byte, Long> counts = new HashMap<>();
        for (Row row : parsed.groupBy(ParsedRecord.KIND).count().collectAsList()) {
            counts.put(row.getByte(0), row.getLong(1));
        }
        return counts;
    }

    /**
     * One row per eventId: the first copy by (file path, record position), in the columns of ad_events. Computed
     * from the run's checkpoint each time it is used, not cached: a filter and a projection of rows already in
     * memory cost less than building a cache of them.
     *
     * <p>Copies are few (producer retries, overlapping deliveries), so no row is moved whole to find them: the
     * eventIds seen more than once are found by counting ids, the later copies of those ids by ordering their
     * positions only, and the later copies are then dropped where the rows are. These small sets are cached, in
     * {@code held}, until the run is released.
     */
    private Dataset<Row> firstCopies(Dataset<Row> parsed, Instant runTime, List<Dataset<Row>> held) {
        List<Column> columns = new ArrayList<>();
        AD_EVENT_COLUMNS.forEach(name -> columns.add(col(name)));
        columns.add(concat_ws("#", col("file"), col("ordinal").cast("string")).as("source"));
        columns.add(lit(runTime).as("ingested_at"));
        Dataset<Row> valid = parsed.filter(col(ParsedRecord.KIND).equalTo(ParsedRecord.EVENT));

        // Copies of an id have the same hash, so only ids whose hash repeats can repeat: 8-byte hashes, shuffled by
        // value and sorted per partition, cost far less than counting the ids, and the ids of repeated hashes
        // (copies, and the rare collision) are then looked at exactly.
        Dataset<Row> repeatedHashes = valid.select(xxhash64(col("event_id")).as("id_hash")).as(Encoders.LONG())
                .repartition(col("id_hash"))
                .mapPartitions(new RepeatedValues(), Encoders.LONG())
                .toDF("id_hash")
                .persist(StorageLevel.MEMORY_AND_DISK());
        held.add(repeatedHashes);
        long repeatedHashCount = repeatedHashes.count();
        if (repeatedHashCount == 0) {
            progress.accept("compaction: every eventId seen once");
            return valid.select(columns.toArray(new Column[0]));
        }
        Dataset<Row> repeated = valid.select(col("event_id"), xxhash64(col("event_id")).as("id_hash"))
                .join(small(repeatedHashes, repeatedHashCount), ScalaSeqs.of("id_hash"), "left_semi")
                .groupBy("event_id").count().filter(col("count").gt(1)).select("event_id")
                .persist(StorageLevel.MEMORY_AND_DISK());
        held.add(repeated);
        long repeatedIds = repeated.count();
        Dataset<Row> laterCopies = valid.select("event_id", "file", "ordinal")
                .join(small(repeated, repeatedIds), ScalaSeqs.of("event_id"), "left_semi")
                .withColumn("copy", row_number().over(Window.partitionBy("event_id").orderBy("file", "ordinal")))
                .filter(col("copy").gt(1))
                .select("file", "ordinal")
                .persist(StorageLevel.MEMORY_AND_DISK());
        held.add(laterCopies);
        long later = laterCopies.count();
        progress.accept(String.format("compaction: %d eventIds seen more than once, %d later copies dropped",
                repeatedIds, later));
        Dataset<Row> first = valid.join(small(laterCopies, later), ScalaSeqs.of("file", "ordinal"), "left_anti");
        return first.select(columns.toArray(new Column[0]));
    }

    /** Marks a dataset to be sent whole to every task when it is small enough, so that the other side stays put. */
    private static Dataset<Row> small(Dataset<Row> dataset, long rows) {
        return rows <= BROADCAST_ROWS_MAX ? broadcast(dataset) : dataset;
    }

    /**
     * The contiguous range of compacted raw hours grows when this run starts at or before its end (or is the
     * first); a run after a gap leaves it where it is, so the watermark cannot jump over hours never compacted.
     */
    private Instant compactedThrough(RawHours hours) {
        Optional<Instant> current = SnapshotProperty.latest(BatchSession.loadTable(spark, names.adEvents()),
                COMPACTED_THROUGH_PROPERTY);
        if (current.isEmpty()) {
            return hours.to();
        }
        Instant through = current.get();
        if (hours.from().isAfter(through)) {
            progress.accept(String.format("compaction: raw hours [%s, %s) were never compacted; the batch watermark "
                    + "stays behind them until they are", through, hours.from()));
            return through;
        }
        return hours.to().isAfter(through) ? hours.to() : through;
    }

    /**
     * Inserts the events whose eventId the table does not hold yet, with the contiguous compacted range in the
     * commit. This is what Spark makes of {@code MERGE ... ON t.event_id = s.event_id WHEN NOT MATCHED THEN INSERT *}
     * (an anti-join with the table's {@code event_id} column and an append, no data file rewritten), written here
     * as such so that the rows can be put in the table's write order by {@link TableWriteOrder} rather than by
     * Iceberg's per-comparison {@code days()}.
     */
    private void appendNewEvents(Dataset<Row> events, Instant compactedThrough) {
        Table table = BatchSession.loadTable(spark, names.adEvents());
        Dataset<Row> fresh = events.join(spark.table(names.adEvents()).select("event_id"),
                ScalaSeqs.of("event_id"), "left_anti");
        Optional<TableWriteOrder> order = TableWriteOrder.of(table);
        DataFrameWriterV2<Row> write = order.map(o -> o.apply(fresh)).orElse(fresh).writeTo(names.adEvents());
        if (order.isPresent()) {
            // The rows come in the table's sort order alone: the fanout writer keeps the partitions apart.
            write = write.option(SparkWriteOptions.USE_TABLE_DISTRIBUTION_AND_ORDERING, "false")
                    .option(SparkWriteOptions.FANOUT_ENABLED, "true");
        }
        DataFrameWriterV2<Row> append = write;
        CommitMetadata.withCommitProperties(Map.of(COMPACTED_THROUGH_PROPERTY, compactedThrough.toString()),
                () -> {
                    append.append();
                    return null;
                }, RuntimeException.class);
    }

    private void mergeDeadLetters(Dataset<Row> deadLetters) {
        deadLetters.createOrReplaceTempView("compaction_dead_letters");
        spark.sql("MERGE INTO " + names.deadLetters() + " t USING compaction_dead_letters s "
                + "ON t.origin = s.origin WHEN NOT MATCHED THEN INSERT *");
    }


    /** Moves a corrupt file to {@code <quarantine>/yyyy/MM/dd/HH/<name>}, with the reason in {@code <name>.reason}. */
    private CompactionResult.QuarantinedFile quarantine(Configuration hadoop, String file, long recordsBefore,
            String reason) {
        Path source = new Path(file);
        Instant hour = RawHours.arrivalHour(file);
        Path target = new Path(RawHours.directory(quarantineDir, hour), source.getName());
        try {
            FileSystem fs = source.getFileSystem(hadoop);
            fs.mkdirs(target.getParent());
            if (!fs.rename(source, target)) {
                throw new IOException("rename returned false");
            }
            try (OutputStream out = fs.create(new Path(target.getParent(), source.getName() + ".reason"), true)) {
                out.write((reason + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot quarantine " + file + " to " + target, e);
        }
        progress.accept(String.format("compaction: QUARANTINED %s -> %s (%d records before the damage, none "
                + "committed): %s", file, target, recordsBefore, reason));
        return new CompactionResult.QuarantinedFile(file, target.toString(), recordsBefore, reason);
    }

    private static long countFiles(Configuration hadoop, Path directory) {
        try {
            FileSystem fs = directory.getFileSystem(hadoop);
            if (!fs.exists(directory)) {
                return 0;
            }
            long files = 0;
            for (FileStatus status : fs.listStatus(directory)) {
                String name = status.getPath().getName();
                // Hidden files are skipped by Spark's file input too.
                if (status.isFile() && RawZoneLayout.isCommitted(name)) {
                    files++;
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list raw directory " + directory, e);
        }
    }
}
