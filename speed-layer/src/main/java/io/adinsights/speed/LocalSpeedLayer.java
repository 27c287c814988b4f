package io.adinsights.speed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.speed.migrate.CreateSchema;
import io.adinsights.speed.sink.CqlConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend.PriorityQueueStateType;
import org.apache.flink.contrib.streaming.state.RocksDBOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the speed layer on an embedded Flink MiniCluster, with the same settings as the job ({@code --key value} or
 * SPEED_LAYER_* variables), creating the CQL schema first (replication factor 1), exposing metrics to Prometheus on
 * {@value #PROMETHEUS_PORTS}, resuming from the newest checkpoint of an earlier run, and printing the job's status
 * and watermark every few seconds until Ctrl-C.
 */
public final class LocalSpeedLayer {

    public static final String PROMETHEUS_PORTS = "9249-9259";
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final MemorySize LOCAL_MANAGED_MEMORY = MemorySize.ofMebiBytes(512);

    private LocalSpeedLayer() {
    }

    public static void main(String[] args) throws Exception {
        SpeedLayerConfig config = SpeedLayerConfig.fromArgs(args, System.getenv());
        CqlConnection connection = new CqlConnection(config.cqlContactPoints(), config.cqlDatacenter(),
                config.cqlKeyspace(), config.cqlConsistency());
        CreateSchema.create(connection, CqlSchema.simpleReplication(1));

        Configuration cluster = localCluster();
        cluster.addAll(prometheus());
        // A local run resumes where the last one stopped, as a cluster would after a failure: checkpoints outlive
        // the job (Ctrl-C cancels it) and the newest one is restored, Kafka offsets and all state together.
        cluster.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        Optional<Path> latest = LatestCheckpoint.in(config.checkpointDir());
        latest.ifPresent(checkpoint -> cluster.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toString()));
        System.out.println(latest.map(checkpoint -> "Resuming from checkpoint " + checkpoint)
                .orElse("No checkpoint in " + config.checkpointDir() + ": starting from the stream's start position"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(),
                cluster);
        SpeedLayerJob.configure(env, config);
        SpeedLayerJob.build(env, config);
        JobClient job = env.executeAsync(SpeedLayerJob.JOB_NAME);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> job.cancel().join(), "cancel-speed-layer"));
        System.out.println("Speed layer " + job.getJobID() + " reading " + (config.sourceKind()
                == SpeedLayerConfig.SourceKind.KAFKA ? config.kafkaTopic() : config.kinesisStream())
                + ", writing keyspace " + config.cqlKeyspace() + "; metrics on :" + PROMETHEUS_PORTS);
        try (CqlSession session = connection.open()) {
            while (!job.getJobStatus().get().isGloballyTerminalState()) {
                Thread.sleep(PROGRESS_INTERVAL.toMillis());
                Row row = session.execute("SELECT " + CqlSchema.PROGRESS_WATERMARK + " FROM "
                        + config.cqlKeyspace() + "." + CqlSchema.PROGRESS_TABLE + " WHERE "
                        + CqlSchema.PROGRESS_LAYER + " = ?", config.layerName()).one();
                Instant watermark = row == null ? null : row.getInstant(0);
                System.out.println(Instant.now() + " " + job.getJobStatus().get() + ", complete up to "
                        + (watermark == null ? "(no watermark yet)" : watermark));
            }
        }
    }

    /**
     * What a local cluster (a MiniCluster in this JVM) needs that a real one gets from its task managers' sizing:
     * managed memory for RocksDB. The local default, 128 MiB shared by every RocksDB instance of every slot, leaves
     * each a few MiB of write buffers, and puts then keep waiting for memtable flushes: the job ran four times slower.
     *
     * <p>Timers on the heap (state stays in RocksDB, checkpoints incremental): in RocksDB's timer queue every timer
     * costs a serialization and a sorted-set update; with Flink's window operator, which registered a cleanup timer
     * for every element, the benchmark's full job took 16-25 s on the heap instead of 28-29 s. A local run keeps few
     * timers. A
     * real cluster keeps RocksDB timers (its default): attribution keeps one timer per click for W + L, too many for
     * the heap at scale.
     */
    public static Configuration localCluster() {
        Configuration configuration = new Configuration();
        configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, LOCAL_MANAGED_MEMORY);
        configuration.set(RocksDBOptions.TIMER_SERVICE_FACTORY, PriorityQueueStateType.HEAP);
        return configuration;
    }

    /** The Prometheus reporter: the configuration a local Flink cluster would have in flink-conf.yaml. */
    static Configuration prometheus() {
        Configuration configuration = new Configuration();
        configuration.setString("metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        configuration.setString("metrics.reporter.prom.port", PROMETHEUS_PORTS);
        return configuration;
    }
}
