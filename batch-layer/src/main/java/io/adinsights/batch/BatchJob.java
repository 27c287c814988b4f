package io.adinsights.batch;

import io.adinsights.batch.compaction.RawHours;
import io.adinsights.batch.maintenance.Maintenance;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The batch layer's entry point, for spark-submit (EMR Serverless) and for local runs:
 *
 * <pre>
 * run --from 2026-03-29T00 --to 2026-03-29T06    compact raw hours [from, to), aggregate, check, publish
 * maintain [--snapshot-age P7D] [--snapshots-kept 10] [--orphan-age P3D]
 * </pre>
 *
 * Settings come from environment variables ({@link BatchConfig}, {@code LAKEHOUSE_*}). Without a master from
 * spark-submit, the job runs in local mode on every core. Exit status: 0 done, 1 done but quality checks failed (the
 * watermark was held), 2 bad arguments.
 */
public final class BatchJob {

    private static final String USAGE = String.join("\n",
            "usage: run --from <hour> --to <hour>",
            "       maintain [--snapshot-age P7D] [--snapshots-kept 10] [--orphan-age P3D]",
            "hours: 2026-03-29T05 or 2026-03-29T05:00:00Z (UTC); settings: BATCH_* and LAKEHOUSE_* variables");

    private BatchJob() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Consumer<String> progress = line -> out.println(Instant.now() + " " + line);
        int status;
        try {
            status = run(args, BatchConfig.fromEnv(), progress);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            status = 2;
        }
        System.exit(status);
    }

    /**
     * Local mode on every core, a failed task tried up to 4 times as on a cluster: local mode's default of one
     * attempt turns a transient failure (tasks racing to create one new partition directory on a local file system)
     * into a failed run.
     */
    public static final String LOCAL_MASTER = "local[*,4]";

    static int run(String[] args, BatchConfig config, Consumer<String> progress) {
        if (args.length == 0) {
            throw new IllegalArgumentException("Missing command");
        }
        Map<String, String> options = options(Arrays.asList(args).subList(1, args.length));
        SparkSession.Builder builder = SparkSession.builder().appName("ad-insights-batch-" + args[0]);
        if (System.getProperty("spark.master") == null) {
            builder.master(LOCAL_MASTER);
        }
        switch (args[0]) {
            case "run" -> {
                RawHours hours = new RawHours(RawHours.parseHour(required(options, "--from")),
                        RawHours.parseHour(required(options, "--to")));
                SparkSession spark = BatchSession.configure(builder, config.lakehouse()).getOrCreate();
                try {
                    RunReport report = new BatchPipeline(spark, config, Clock.systemUTC(), progress).run(hours);
                    return report.checksPassed() ? 0 : 1;
                } finally {
                    spark.stop();
                }
            }
            case "maintain" -> {
                Maintenance.Settings settings = new Maintenance.Settings(
                        Duration.parse(options.getOrDefault("--snapshot-age",
                                Maintenance.Settings.SNAPSHOT_AGE_DEFAULT.toString())),
                        Integer.parseInt(options.getOrDefault("--snapshots-kept",
                                String.valueOf(Maintenance.Settings.SNAPSHOTS_KEPT_DEFAULT))),
                        Duration.parse(options.getOrDefault("--orphan-age",
                                Maintenance.Settings.ORPHAN_AGE_DEFAULT.toString())));
                SparkSession spark = BatchSession.configure(builder, config.lakehouse()).getOrCreate();
                try {
                    new Maintenance(spark, LakeNames.of(config.lakehouse()), progress).run(settings, Instant.now());
                    return 0;
                } finally {
                    spark.stop();
                }
            }
            default -> throw new IllegalArgumentException("Unknown command: " + args[0]);
        }
    }

    private static Map<String, String> options(List<String> args) {
        if (args.size() % 2 != 0) {
            throw new IllegalArgumentException("Invalid options: " + args + " (must be --name value pairs)");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            options.put(args.get(i), args.get(i + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing " + name);
        }
        return value;
    }
}
