package io.adinsights.speed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.cql.CqlServerExtension;
import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.servers.kafka.KafkaServerExtension;
import io.adinsights.speed.LocalSpeedLayer;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.SpeedLayerJob;
import io.adinsights.speed.parse.IngestedRecord;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.oracle.Truth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures mid-stream still end with exact tables: a job failure restarted from its checkpoint, a CQL outage. */
@ExtendWith({KafkaServerExtension.class, CqlServerExtension.class})
class SpeedLayerFailureIT {

    private static final AtomicBoolean FAILED = new AtomicBoolean();

    private final KafkaServer kafka;
    private final CqlServer cql;

    SpeedLayerFailureIT(KafkaServer kafka, CqlServer cql) {
        this.kafka = kafka;
        this.cql = cql;
    }

    @Test
    void aJobFailureRestartsFromTheCheckpointWithNothingLostOrCountedTwice() throws Exception {
        FAILED.set(false);
        TrafficConfig traffic = ScenarioRun.messyNearNow(20_000, 3.0, 21, Duration.ofMinutes(40));
        try (ScenarioRun run = ScenarioRun.onKafka(kafka, cql, "job-failure")) {
            SpeedLayerConfig config = run.jobConfig(traffic);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(),
                    LocalSpeedLayer.localCluster());
            SpeedLayerJob.configure(env, config);
            SpeedLayerJob.count(SpeedLayerJob.source(env, config).map(new FailOnceAfter(6_000))
                    .uid("inject-failure").name("inject-failure"), config);
            JobClient job = env.executeAsync(SpeedLayerJob.JOB_NAME);
            try {
                // A checkpoint completes after each phase's watermark: a restart restores a watermark past it, so
                // replayed records are judged late or on time as they were the first time.
                Truth truth = run.sendScenario(Scenario.of(traffic), phase -> awaitCheckpoint(run));
                run.assertTablesEqual(truth, Duration.ofSeconds(90));
                assertThat(FAILED).as("the job failed once on purpose").isTrue();
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void aCqlOutageOfThirtySecondsEndsExact() throws Exception {
        TrafficConfig traffic = ScenarioRun.messyNearNow(20_000, 3.0, 22, Duration.ofMinutes(40));
        AtomicReference<Thread> outage = new AtomicReference<>();
        try (ScenarioRun run = ScenarioRun.onKafka(kafka, cql, "cql-outage")) {
            SpeedLayerConfig config = run.jobConfig(traffic);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(),
                    LocalSpeedLayer.localCluster());
            SpeedLayerJob.configure(env, config);
            SpeedLayerJob.build(env, config);
            JobClient job = env.executeAsync(SpeedLayerJob.JOB_NAME);
            try {
                Truth truth = run.sendScenario(Scenario.of(traffic), phase -> {
                    if (phase.index() == 0) {
                        // Down while the next phase streams in.
                        Thread thread = new Thread(() -> {
                            cql.stop();
                            run.log("CQL server stopped");
                            sleep(Duration.ofSeconds(30));
                            cql.start();
                            run.log("CQL server started again");
                        }, "cql-outage");
                        thread.start();
                        outage.set(thread);
                    }
                });
                outage.get().join();
                run.assertTablesEqual(truth, Duration.ofSeconds(90));
            } finally {
                if (!cql.isRunning()) {
                    cql.start();
                }
                job.cancel().get();
            }
        }
    }

    private static void awaitCheckpoint(ScenarioRun run) {
        try {
            run.awaitNextCheckpoint();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails its task once, after {@code records} records, as a crash would: the job restarts from a checkpoint. */
    private static final class FailOnceAfter implements MapFunction<IngestedRecord, IngestedRecord> {

        private static final long serialVersionUID = 1L;

        private final long records;
        private long seen;

        FailOnceAfter(long records) {
            this.records = records;
        }

        @Override
        public IngestedRecord map(IngestedRecord record) {
            if (++seen == records && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("Failure injected after " + records + " records");
            }
            return record;
        }
    }
}
