package io.adinsights.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.batch.compaction.Compaction;
import io.adinsights.batch.compaction.RawHours;
import io.adinsights.lakehouse.catalog.LakehouseConfig;
import io.adinsights.lakehouse.tables.LakehouseTables;
import io.adinsights.schemas.lake.LakeTables;
import io.adinsights.lakehouse.watermark.BatchWatermark;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.ScenarioSize;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.oracle.OracleSettings;
import io.adinsights.traffic.oracle.Truth;
import io.adinsights.traffic.oracle.TruthOracle;
import io.adinsights.batch.maintenance.Maintenance;
import io.adinsights.traffic.generator.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Predicate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.storage.BlockId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/** The whole batch run on real local Spark and Iceberg, against the oracle's truth for messy traffic. */
class BatchPipelineIT {

    private static final TrafficConfig TRAFFIC = TrafficConfig.messy().toBuilder()
            .size(ScenarioSize.SMALL).seed(42).build();

    /** ad_events' sort order, on rows of {@link #orderKeys}. */
    private static final Comparator<Row> TABLE_ORDER = Comparator.<Row, String>comparing(row -> row.getString(0))
            .thenComparing(row -> row.getString(1), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(row -> row.<Instant>getAs(2));
    private static final long AD_EVENTS_TEST_FILE_BYTES = 16 * 1024;

    private static SparkSession spark;
    private static Scenario scenario;
    private static Truth truth;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
        scenario = Scenario.of(TRAFFIC);
        truth = TruthOracle.compute(scenario, OracleSettings.of(TRAFFIC));
    }

    @Test
    void compactsAndAggregatesExactlyAndARerunChangesNothing() {
        Path raw = temp.resolve("raw");
        List<Instant> hours = RawZoneWriter.write(raw, scenario, delivery -> true);
        BatchConfig config = config("exact", raw, Map.of());
        RawHours range = allOf(hours);
        List<String> progress = new ArrayList<>();

        RunReport report = new BatchPipeline(spark, config, Clock.systemUTC(), line -> log(line, progress)).run(range);

        LakeContents lake = new LakeContents(spark, LakeNames.of(config.lakehouse()));
        assertThat(report.failures()).isEmpty();
        assertThat(truth.batch().adRows(Granularity.HOUR)).hasSizeGreaterThan(100);
        assertThat(truth.batch().unattributedRows(Granularity.HOUR)).isNotEmpty();
        assertThat(truth.rawZoneDeadLetters()).hasSizeGreaterThan(5);
        assertThat(lake.adRows()).isEqualTo(truth.batch().adRows(Granularity.HOUR));
        assertThat(lake.campaignRows()).isEqualTo(truth.batch().campaignRows(Granularity.HOUR));
        assertThat(lake.unattributedRows()).isEqualTo(truth.batch().unattributedRows(Granularity.HOUR));
        assertThat(lake.deadLetters()).isEqualTo(LakeContents.expectedDeadLetters(truth.rawZoneDeadLetters()));
        assertThat(report.distinctEvents()).isEqualTo(truth.distinctEvents());
        assertThat(report.watermarkAfter()).contains(range.to().minus(BatchConfig.COMPLETENESS_DELAY_DEFAULT));
        assertThat(BatchWatermark.read(table(LakeNames.of(config.lakehouse()).campaignMetricsHourly())))
                .isEqualTo(report.watermarkAfter());
        assertThat(progress).anyMatch(line -> line.startsWith("compaction:"));
        assertWrittenInTheTablesOrder(LakeNames.of(config.lakehouse()).adEvents());

        Map<String, List<String>> first = lake.snapshot();
        RunReport rerun = new BatchPipeline(spark, config, Clock.systemUTC(), BatchPipelineIT::log).run(range);
        assertThat(lake.snapshot()).isEqualTo(first);
        assertThat(rerun.watermarkAfter()).isEqualTo(report.watermarkAfter());
    }


    @Test
    void overlappingRunsAddOnlyTheEventsNotYetInTheLake() {
        Path raw = temp.resolve("raw");
        List<Instant> hours = RawZoneWriter.write(raw, scenario, delivery -> true);
        BatchConfig config = config("overlap", raw, Map.of());
        Instant end = Granularity.HOUR.bucketEnd(hours.get(hours.size() - 1));
        Instant middle = hours.get(hours.size() / 2);

        run(config, new RawHours(hours.get(0), middle.plus(Granularity.HOUR.length())));
        LakeNames names = LakeNames.of(config.lakehouse());
        long afterFirst = spark.table(names.adEvents()).count();
        // The second run reads the middle hour again: its events are in the lake already and must not count twice.
        RunReport second = run(config, new RawHours(middle, end));

        LakeContents lake = new LakeContents(spark, names);
        assertThat(second.failures()).isEmpty();
        assertThat(afterFirst).isPositive().isLessThan(truth.distinctEvents());
        assertThat(spark.table(names.adEvents()).count()).isEqualTo(truth.distinctEvents());
        assertThat(lake.adRows()).isEqualTo(truth.batch().adRows(Granularity.HOUR));
        assertThat(lake.unattributedRows()).isEqualTo(truth.batch().unattributedRows(Granularity.HOUR));
        assertThat(lake.deadLetters()).isEqualTo(LakeContents.expectedDeadLetters(truth.rawZoneDeadLetters()));
        assertThat(second.watermarkAfter()).contains(end.minus(BatchConfig.COMPLETENESS_DELAY_DEFAULT));
    }

    @Test
    void aLateFileReaggregatesItsOldHoursToTheRightValues() {
        Path raw = temp.resolve("raw");
        Instant firstHour = Granularity.HOUR.bucketStart(TRAFFIC.start());
        // Some events of the first event-time hour (clicks among them) arrive only after everything else.
        Predicate<Delivery> held = delivery -> delivery.isValid() && delivery.sequence() % 7 == 0
                && Granularity.HOUR.bucketStart(delivery.event().eventTime()).equals(firstHour);
        List<Instant> hours = RawZoneWriter.write(raw, scenario, held.negate());
        Instant lateHour = Granularity.HOUR.bucketEnd(hours.get(hours.size() - 1));
        ByteArrayOutputStream late = new ByteArrayOutputStream();
        scenario.stream().filter(held).forEach(delivery -> {
            late.writeBytes(delivery.payload());
            late.write('\n');
        });
        RawZoneWriter.writeFile(RawHours.directory(raw.toString(), lateHour) + "/late.gz", late.toByteArray(), true);
        BatchConfig config = config("late", raw, Map.of());
        LakeContents lake = new LakeContents(spark, LakeNames.of(config.lakehouse()));

        RunReport onTime = new BatchPipeline(spark, config, Clock.systemUTC(), BatchPipelineIT::log)
                .run(new RawHours(hours.get(0), lateHour));
        assertThat(lake.adRows()).isNotEqualTo(truth.batch().adRows(Granularity.HOUR));
        RunReport withLateFile = new BatchPipeline(spark, config, Clock.systemUTC(), BatchPipelineIT::log)
                .run(new RawHours(lateHour, lateHour.plus(Granularity.HOUR.length())));

        assertThat(withLateFile.failures()).isEmpty();
        assertThat(lake.adRows()).isEqualTo(truth.batch().adRows(Granularity.HOUR));
        assertThat(lake.unattributedRows()).isEqualTo(truth.batch().unattributedRows(Granularity.HOUR));
        assertThat(withLateFile.aggregatedHours()).isGreaterThan(1);
        assertThat(withLateFile.watermarkAfter().orElseThrow()).isAfter(onTime.watermarkAfter().orElseThrow());
    }

    @Test
    void aCorruptGzipFileIsQuarantinedAndTheOtherFilesGoThrough() {
        Path raw = temp.resolve("raw");
        List<Instant> hours = RawZoneWriter.write(raw, scenario, delivery -> true);
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            events.writeBytes(String.format("{\"eventId\":\"corrupt-%d\",\"eventType\":\"impression\","
                    + "\"eventTime\":\"%s\",\"campaignId\":\"cmp-corrupt\",\"adId\":\"ad-1\"}%n",
                    i, hours.get(0)).getBytes(StandardCharsets.UTF_8));
        }
        String corrupt = RawHours.directory(raw.toString(), hours.get(0)) + "/zz-corrupt.gz";
        RawZoneWriter.writeFile(corrupt, events.toByteArray(), true);
        cutShort(Path.of(corrupt));
        BatchConfig config = config("corrupt", raw, Map.of());

        RunReport report = new BatchPipeline(spark, config, Clock.systemUTC(), BatchPipelineIT::log)
                .run(allOf(hours));

        LakeContents lake = new LakeContents(spark, LakeNames.of(config.lakehouse()));
        assertThat(report.compaction().quarantined()).singleElement()
                .satisfies(file -> assertThat(file.file()).endsWith("zz-corrupt.gz"));
        assertThat(Path.of(corrupt)).doesNotExist();
        Path quarantined = Path.of(config.quarantineDir(), hours.get(0).toString().substring(0, 13)
                .replace('-', '/').replace('T', '/'));
        assertThat(quarantined.resolve("zz-corrupt.gz")).exists();
        assertThat(quarantined.resolve("zz-corrupt.gz.reason")).content().contains("corrupt or cut short");
        assertThat(spark.table(LakeNames.of(config.lakehouse()).adEvents())
                .filter("event_id LIKE 'corrupt-%'").count()).isZero();
        assertThat(lake.adRows()).isEqualTo(truth.batch().adRows(Granularity.HOUR));
        assertThat(lake.deadLetters()).isEqualTo(LakeContents.expectedDeadLetters(truth.rawZoneDeadLetters()));
        assertThat(report.failures()).singleElement()
                .satisfies(failure -> assertThat(failure.message()).contains("quarantined"));
        assertThat(report.watermarkAfter()).isEmpty();
    }

    @Test
    void aFailedQualityCheckHoldsTheWatermarkAndSaysWhy() {
        Path raw = temp.resolve("raw");
        List<Instant> hours = RawZoneWriter.write(raw, scenario, delivery -> true);
        Instant middle = hours.get(hours.size() / 2);
        Instant end = Granularity.HOUR.bucketEnd(hours.get(hours.size() - 1));
        RunReport first = run(config("quality", raw, Map.of()), new RawHours(hours.get(0), middle));
        List<String> progress = new ArrayList<>();

        RunReport strict = new BatchPipeline(spark, config("quality", raw, Map.of(BatchConfig.MAX_DEAD_LETTER_RATIO,
                "0")), Clock.systemUTC(), line -> log(line, progress)).run(new RawHours(middle, end));

        assertThat(first.watermarkAfter()).contains(middle.minus(BatchConfig.COMPLETENESS_DELAY_DEFAULT));
        assertThat(strict.checksPassed()).isFalse();
        assertThat(strict.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.constraint()).contains("dead-letter share");
            assertThat(failure.message()).contains("dead letters");
        });
        assertThat(progress).anyMatch(line -> line.startsWith("quality FAILED raw records: dead-letter share"));
        assertThat(progress).anyMatch(line -> line.contains("held: quality checks failed"));
        assertThat(strict.watermarkAfter()).isEqualTo(first.watermarkAfter());
        assertThat(BatchWatermark.read(table(LakeNames.of(config("quality", raw, Map.of()).lakehouse())
                .campaignMetricsHourly()))).isEqualTo(first.watermarkAfter());
        // The data is committed all the same: the counts are exact for what the lake holds.
        LakeContents lake = new LakeContents(spark, LakeNames.of(config("quality", raw, Map.of()).lakehouse()));
        assertThat(lake.adRows()).isEqualTo(truth.batch().adRows(Granularity.HOUR));
    }

    @Test
    void aRunThatFailsPartWayLeavesNothingCached() throws IOException {
        Path raw = temp.resolve("raw");
        List<Instant> hours = RawZoneWriter.write(raw, scenario, delivery -> true);
        // A file where the reports' directory should be: the run fails at its last step, after it cached its rows.
        Path notADirectory = Files.writeString(temp.resolve("reports-file"), "not a directory");
        BatchConfig config = config("failing", raw, Map.of(BatchConfig.REPORT_DIR, notADirectory.toString()));
        assertThat(spark.sharedState().cacheManager().isEmpty()).as("nothing cached before the run").isTrue();
        assertThat(rddBlocks()).as("no blocks of data sets before the run").isEmpty();

        assertThatThrownBy(() -> run(config, allOf(hours)))
                .hasMessageContaining("Cannot write the run report");

        assertThat(spark.sharedState().cacheManager().isEmpty()).as("nothing cached after the failed run").isTrue();
        // Checkpoints are not in the cache manager: their blocks would stay until a garbage collection.
        assertThat(rddBlocks()).as("no blocks of data sets after the failed run: checkpoints released").isEmpty();
    }

    @Test
    void aCompactionThatFailsPartWayFreesItsCheckpoint() throws IOException {
        Path raw = temp.resolve("raw");
        List<Instant> hours = RawZoneWriter.write(raw, scenario, delivery -> true);
        LakehouseConfig lake = config("compaction_failing", raw, Map.of()).lakehouse();
        LakeNames names = LakeNames.of(lake);
        LakehouseTables.createMissing(BatchSession.icebergCatalog(spark, lake), lake.namespace());
        // The dead letters' MERGE, after the events' append, finds no table: the run fails after it cached its sets.
        spark.sql("DROP TABLE " + names.deadLetters());
        assertThat(rddBlocks()).as("no blocks of data sets before the run").isEmpty();

        assertThatThrownBy(() -> new Compaction(spark, names, raw.toString(), temp.resolve("quarantine").toString(),
                BatchPipelineIT::log).compact(allOf(hours), Instant.now()))
                .hasMessageContaining(LakeTables.DEAD_LETTERS);

        assertThat(spark.sharedState().cacheManager().isEmpty()).as("nothing cached after the failed run").isTrue();
        assertThat(rddBlocks()).as("no blocks of data sets after the failed run: checkpoint freed").isEmpty();
    }

    /** The raw hours from the first written to the end of the last. */
    private static RawHours allOf(List<Instant> hours) {
        return new RawHours(hours.get(0), Granularity.HOUR.bucketEnd(hours.get(hours.size() - 1)));
    }

    /** The blocks of data sets (caches and checkpoints) that the block manager holds. */
    private static List<BlockId> rddBlocks() {
        return JavaConverters.seqAsJavaList(SparkEnv.get().blockManager().getMatchingBlockIds(
                new AbstractFunction1<BlockId, Object>() {
                    @Override
                    public Object apply(BlockId block) {
                        return block.isRDD();
                    }
                }));
    }

    @Test
    void maintenanceKeepsContentsAndWatermark() {
        Path raw = temp.resolve("raw");
        List<Instant> hours = RawZoneWriter.write(raw, scenario, delivery -> true);
        BatchConfig config = config("maintenance", raw, Map.of());
        RawHours range = allOf(hours);
        Instant middle = hours.get(hours.size() / 2);
        run(config, new RawHours(range.from(), middle));
        run(config, new RawHours(middle, range.to()));
        RunReport rerun = run(config, range);
        LakeNames names = LakeNames.of(config.lakehouse());
        LakeContents lake = new LakeContents(spark, names);
        Map<String, List<String>> before = lake.snapshot();
        List<String> progress = new ArrayList<>();
        // Small target files, so that a day of ad_events is rewritten into several and their layout shows.
        table(names.adEvents()).updateProperties()
                .set(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, String.valueOf(AD_EVENTS_TEST_FILE_BYTES)).commit();

        List<Maintenance.Result> results = new Maintenance(spark, names, line -> log(line, progress))
                .run(new Maintenance.Settings(Duration.ZERO, 1, Duration.ZERO), Instant.now());

        assertThat(lake.snapshot()).isEqualTo(before);
        assertThat(BatchWatermark.read(table(names.campaignMetricsHourly()))).isEqualTo(rerun.watermarkAfter());
        assertThat(results).allSatisfy(result -> assertThat(result.snapshotsExpired()).isPositive());
        assertThat(results).anySatisfy(result -> assertThat(result.filesRewritten()).isPositive());
        // ad_events' small files are rewritten in the table's order across all their rows: each file sorted, and the
        // files the rewrite wrote for a day cover consecutive ranges of it, so that min/max statistics skip most.
        assertWrittenInTheTablesOrder(names.adEvents());
        assertRewrittenFilesOfADayInConsecutiveRanges(names.adEvents());
        assertThat(table(names.campaignMetricsHourly()).snapshots()).hasSize(1);
        assertThat(progress).hasSize(4);
    }

    /** Each data file of ad_events holds one UTC day, its rows sorted by event type, campaign and event time. */
    private static void assertWrittenInTheTablesOrder(String adEvents) {
        List<String> files = spark.sql("SELECT file_path FROM " + adEvents + ".files")
                .as(Encoders.STRING()).collectAsList();
        assertThat(files).isNotEmpty();
        for (String file : files) {
            // One file is read in its own order.
            List<Row> rows = orderKeys(file);
            assertThat(rows).as(file).isSortedAccordingTo(TABLE_ORDER);
            assertThat(rows.stream().map(row -> row.<Instant>getAs(2).atZone(ZoneOffset.UTC).toLocalDate())
                    .distinct()).as(file).hasSize(1);
        }
    }

    /** The columns of ad_events' sort order, of every row of one data file, in the file's order. */
    private static List<Row> orderKeys(String file) {
        return spark.read().parquet(file).select("event_type", "campaign_id", "event_time").collectAsList();
    }

    private static void assertRewrittenFilesOfADayInConsecutiveRanges(String adEvents) {
        Map<String, List<List<Row>>> daysFiles = new TreeMap<>();
        // The files the current snapshot (the rewrite) added; files of a right size are left as they were.
        String added = "SELECT data_file.file_path, data_file.partition.event_time_day FROM " + adEvents + ".entries "
                + "WHERE status = 1 AND snapshot_id = " + table(adEvents).currentSnapshot().snapshotId();
        for (Row file : spark.sql(added).collectAsList()) {
            List<Row> rows = orderKeys(file.getString(0));
            daysFiles.computeIfAbsent(String.valueOf(file.get(1)), day -> new ArrayList<>())
                    .add(List.of(rows.get(0), rows.get(rows.size() - 1)));
        }
        assertThat(daysFiles.values()).anySatisfy(files -> assertThat(files).hasSizeGreaterThan(2));
        daysFiles.forEach((day, files) -> {
            files.sort((a, b) -> TABLE_ORDER.compare(a.get(0), b.get(0)));
            for (int i = 1; i < files.size(); i++) {
                assertThat(TABLE_ORDER.compare(files.get(i - 1).get(1), files.get(i).get(0)))
                        .as("day %s: file %d ends before file %d starts", day, i - 1, i).isLessThanOrEqualTo(0);
            }
        });
    }

    private static RunReport run(BatchConfig config, RawHours range) {
        return new BatchPipeline(spark, config, Clock.systemUTC(), BatchPipelineIT::log).run(range);
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
    }

    private static void log(String line, List<String> lines) {
        log(line);
        lines.add(line);
    }

    private static void cutShort(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Table table(String name) {
        try {
            Table table = Spark3Util.loadIcebergTable(spark, name);
            table.refresh();
            return table;
        } catch (ParseException | NoSuchTableException e) {
            throw new AssertionError(e);
        }
    }

    private BatchConfig config(String namespace, Path raw, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(LocalSpark.lakeSettings(namespace));
        settings.put(BatchConfig.RAW_ZONE, raw.toString());
        settings.put(BatchConfig.REPORT_DIR, temp.resolve("reports").toString());
        settings.putAll(overrides);
        return BatchConfig.fromMap(settings);
    }
}
