package io.adinsights.batch;

import io.adinsights.batch.compaction.Compaction;
import io.adinsights.batch.compaction.CompactionResult;
import io.adinsights.batch.compaction.RawHours;
import io.adinsights.lakehouse.catalog.LakehouseConfig;
import io.adinsights.lakehouse.tables.LakehouseTables;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.ScenarioSize;
import io.adinsights.traffic.generator.TrafficConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Compaction throughput (a main, not a test): N clean events written as Firehose does by default (gzip, objects
 * concatenated with no delimiter) are compacted into ad_events (parse, validate, dedup, MERGE); the same events as
 * plain NDJSON are read by Spark's JSON reader with a given schema and written as Parquet. Both print events/s and
 * the load average; compaction's progress lines carry the seconds since it started, which time its steps. Both jobs
 * run in rounds (arguments: events, directory, rounds, default 3), and the median ratio of the rounds is printed last.
 *
 * <pre>mvn -o -pl schemas,lakehouse,batch-layer -Pbench -DskipTests verify -Dbench.events=5000000</pre>
 */
public final class CompactionBenchmark {

    private static final int RECORDS_PER_FILE = 100_000;
    /** Events of the warm-up pass of both jobs, in a namespace of its own. */
    private static final long WARM_UP_EVENTS = 200_000;

    private CompactionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        Path dir = Files.createTempDirectory(Path.of(args.length > 1 ? args[1] : "target"), "bench-");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (rounds < 1) {
            throw new IllegalArgumentException("Invalid rounds: " + rounds + " (must be >= 1)");
        }
        TrafficConfig traffic = TrafficConfig.clean().toBuilder().size(ScenarioSize.LARGE).events(events).build();
        long start = System.nanoTime();
        Written written = write(Scenario.of(traffic), dir.resolve("firehose"), dir.resolve("ndjson"));
        System.out.printf("generated %,d records (%,d distinct events) in %d files each way in %.1f s%n",
                written.records, events, written.files, seconds(start));
        Written warmUp = write(Scenario.of(traffic.toBuilder().events(WARM_UP_EVENTS).build()),
                dir.resolve("warm-up-firehose"), dir.resolve("warm-up-ndjson"));

        LakehouseConfig lakehouse = LakehouseConfig.fromMap(Map.of(LakehouseConfig.CATALOG, "local",
                LakehouseConfig.LOCAL_DIR, dir.resolve("lake").toString()));
        SparkSession spark = BatchSession.configure(SparkSession.builder()
                .appName("compaction-benchmark")
                .master("local[2,4]") // a failed task is tried again, as in BatchJob.LOCAL_MASTER
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.driver.host", "127.0.0.1"), lakehouse).getOrCreate();
        Catalog catalog = BatchSession.icebergCatalog(spark, lakehouse);

        // Both jobs run once on a small input first: the JVM compiles Spark's, Iceberg's and Parquet's hot code and
        // loads their classes, so neither timed job pays for that (the plain job, run second, used to get it free).
        LakehouseConfig warmUpLake = LakehouseConfig.fromMap(Map.of(LakehouseConfig.CATALOG, "local",
                LakehouseConfig.LOCAL_DIR, dir.resolve("lake").toString(), LakehouseConfig.NAMESPACE, "warm_up"));
        LakehouseTables.createMissing(catalog, warmUpLake.namespace());
        start = System.nanoTime();
        new Compaction(spark, LakeNames.of(warmUpLake), dir.resolve("warm-up-firehose").toString(),
                dir.resolve("warm-up-quarantine").toString(), line -> { })
                .compact(new RawHours(warmUp.firstHour, warmUp.endHour), Instant.now()).release();
        plainJob(spark, dir.resolve("warm-up-ndjson"), dir.resolve("warm-up-parquet"));
        System.out.printf("warm-up: both jobs on %,d records in %.1f s%n", warmUp.records, seconds(start));

        // Rounds of both jobs, one after the other: how fast this machine runs changes from minute to minute by more
        // than the difference being measured, and a round's two jobs see nearly the same machine.
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            LakehouseConfig roundLake = LakehouseConfig.fromMap(Map.of(LakehouseConfig.CATALOG, "local",
                    LakehouseConfig.LOCAL_DIR, dir.resolve("lake").toString(), LakehouseConfig.NAMESPACE,
                    "round_" + round));
            LakehouseTables.createMissing(catalog, roundLake.namespace());
            System.out.printf("round %d of %d (%,d MB of cached blocks left from before)%n", round, rounds,
                    cachedBytes(spark) >> 20);
            ratios.add(round(spark, roundLake, dir, written, round));
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        // Three decimals: 0.495 printed as 0.50 would read as the target met.
        System.out.printf("ratio compaction / plain, median of %d rounds: %.3f (rounds: %s)%n", rounds,
                sorted.get(sorted.size() / 2), ratios.stream().map(r -> String.format("%.3f", r)).toList());
        spark.stop();
    }

    /** One compaction of the input into a namespace of its own, then the plain job; returns their ratio. */
    private static double round(SparkSession spark, LakehouseConfig lake, Path dir, Written written, int round) {
        cleanHeap();
        long begin = System.nanoTime();
        long cpuBegin = cpuNanos();
        CompactionResult result = new Compaction(spark, LakeNames.of(lake), dir.resolve("firehose").toString(),
                dir.resolve("quarantine").toString(),
                line -> System.out.printf("%6.1f s (CPU %6.1f s)  %s%n", seconds(begin),
                        (cpuNanos() - cpuBegin) / 1e9, line))
                .compact(new RawHours(written.firstHour, written.endHour), Instant.now());
        double compaction = seconds(begin);
        double compactionCpu = (cpuNanos() - cpuBegin) / 1e9;
        long recordsRead = result.recordsRead();
        // As the pipeline does at the end of every run, so that the next round's checkpoint has the memory.
        result.release();
        long stored = spark.table(LakeNames.of(lake).adEvents()).count();
        System.out.printf("compaction (gzip concatenated JSON -> Iceberg ad_events, MERGE): %,d records, %,d events "
                + "stored, %.1f s, %,.0f events/s, CPU %.1f s, load average %.2f%n", recordsRead, stored,
                compaction, recordsRead / compaction, compactionCpu, loadAverage());

        cleanHeap();
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        plainJob(spark, dir.resolve("ndjson"), dir.resolve("parquet-" + round));
        double plain = seconds(start);
        double plainCpu = (cpuNanos() - cpuStart) / 1e9;
        System.out.printf("plain Spark (NDJSON -> Parquet): %,d records, %.1f s, %,.0f events/s, CPU %.1f s, load "
                + "average %.2f%n", written.records, plain, written.records / plain, plainCpu, loadAverage());
        System.out.printf("ratio compaction / plain: %.3f (CPU time: %.3f)%n", plain / compaction,
                plainCpu / compactionCpu);
        return plain / compaction;
    }

    /** Bytes of Spark's storage memory in use: checkpoints and caches. */
    private static long cachedBytes(SparkSession spark) {
        long used = 0;
        for (scala.Tuple2<Object, Object> status : scala.collection.JavaConverters.mapAsJavaMapConverter(
                spark.sparkContext().getExecutorMemoryStatus()).asJava().values()) {
            used += (Long) status._1() - (Long) status._2();
        }
        return used;
    }

    /**
     * Each timed job starts on a collected heap: otherwise the plain job, run second, paid for collecting compaction's
     * garbage and its checkpoint (the plain job's time moved between 10 and 15 s with that alone).
     */
    private static void cleanHeap() {
        System.gc();
        try {
            // Spark's context cleaner drops the blocks of collected datasets (the run's checkpoint) on its own thread.
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.gc();
    }

    /** The baseline: Spark's JSON reader with a given schema, and its Parquet writer. */
    private static void plainJob(SparkSession spark, Path ndjson, Path parquet) {
        spark.read().schema(NDJSON_SCHEMA).json(ndjson.toString() + "/*/*/*/*").write().parquet(parquet.toString());
    }

    /**
     * CPU time of this JVM (every thread: tasks, GC, JIT). On a shared machine the wall time of a step depends on
     * what else runs; its CPU time much less, so both are printed.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The machine's 1-minute load average: the numbers mean little without it on a shared machine. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static final StructType NDJSON_SCHEMA = new StructType()
            .add("eventId", DataTypes.StringType)
            .add("eventType", DataTypes.StringType)
            .add("eventTime", DataTypes.StringType)
            .add("campaignId", DataTypes.StringType)
            .add("adId", DataTypes.StringType)
            .add("clickId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("retailerId", DataTypes.StringType)
            .add("productId", DataTypes.StringType)
            .add("placement", DataTypes.StringType)
            .add("quantity", DataTypes.IntegerType)
            .add("schemaVersion", DataTypes.IntegerType);

    private record Written(long records, int files, Instant firstHour, Instant endHour) {
    }

    /** The same records twice: gzip'ed concatenated files (Firehose's default) and plain NDJSON files. */
    private static Written write(Iterable<Delivery> deliveries, Path firehose, Path ndjson) throws IOException {
        long records = 0;
        int files = 0;
        List<byte[]> batch = new ArrayList<>(RECORDS_PER_FILE);
        Instant newest = Instant.EPOCH;
        Instant hour = null;
        Instant first = null;
        for (Delivery delivery : deliveries) {
            if (delivery.event().eventTime().isAfter(newest)) {
                newest = delivery.event().eventTime();
            }
            Instant deliveryHour = Granularity.HOUR.bucketStart(newest);
            if (hour != null && (!deliveryHour.equals(hour) || batch.size() == RECORDS_PER_FILE)) {
                writeFiles(firehose, ndjson, hour, files++, batch);
            }
            first = first == null ? deliveryHour : first;
            hour = deliveryHour;
            batch.add(delivery.payload());
            records++;
        }
        writeFiles(firehose, ndjson, hour, files++, batch);
        return new Written(records, files, first, Granularity.HOUR.bucketEnd(hour));
    }

    private static void writeFiles(Path firehose, Path ndjson, Instant hour, int number, List<byte[]> batch) {
        String name = String.format("ad-events-%06d", number);
        try {
            Path gz = Path.of(RawHours.directory(firehose.toString(), hour), name + ".gz");
            Files.createDirectories(gz.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
                for (byte[] record : batch) {
                    out.write(record);
                }
            }
            Path plain = Path.of(RawHours.directory(ndjson.toString(), hour), name + ".json");
            Files.createDirectories(plain.getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(plain), 1 << 16)) {
                for (byte[] record : batch) {
                    out.write(record);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.clear();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
