package io.adinsights.speed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.cql.CqlServerExtension;
import io.adinsights.servers.kinesis.KinesisServer;
import io.adinsights.servers.kinesis.KinesisServerExtension;
import io.adinsights.speed.LocalSpeedLayer;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.SpeedLayerJob;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.oracle.Truth;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole job on a MiniCluster, Kinesis (kinesis-local, 3 shards) → CQL, on 10 k messy events, compared with the
 * oracle; every dead letter names the shard and sequence number its record was stored at.
 */
@ExtendWith({KinesisServerExtension.class, CqlServerExtension.class})
class SpeedLayerKinesisIT {

    /** The job takes its credentials from the default chain; kinesis-local accepts any. */
    private static final Map<String, String> CREDENTIALS = Map.of("aws.accessKeyId", "local-access-key",
            "aws.secretAccessKey", "local-secret-key");
    private static final Map<String, String> PREVIOUS = new HashMap<>();

    private final KinesisServer kinesis;
    private final CqlServer cql;

    SpeedLayerKinesisIT(KinesisServer kinesis, CqlServer cql) {
        this.kinesis = kinesis;
        this.cql = cql;
    }

    @BeforeAll
    static void setCredentials() {
        CREDENTIALS.forEach((key, value) -> PREVIOUS.put(key, System.setProperty(key, value)));
    }

    @AfterAll
    static void restoreCredentials() {
        PREVIOUS.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void countsAMessyScenarioExactly() throws Exception {
        // Kinesis takes records up to 1 MiB: the oversized record of the messy scenario cannot be put.
        TrafficConfig traffic = ScenarioRun.messyNearNow(10_000, 3.0, 31, Duration.ofMinutes(40)).toBuilder()
                .oversizedRecords(0).build();
        Scenario scenario = Scenario.of(traffic);
        try (ScenarioRun run = ScenarioRun.onKinesis(kinesis, cql, "kinesis")) {
            SpeedLayerConfig config = run.jobConfig(traffic);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(),
                    LocalSpeedLayer.localCluster());
            SpeedLayerJob.configure(env, config);
            SpeedLayerJob.build(env, config);
            JobClient job = env.executeAsync(SpeedLayerJob.JOB_NAME);
            try {
                Truth truth = run.sendScenario(scenario, phase -> { });

                run.assertTablesEqual(truth, Duration.ofSeconds(90));
                assertThat(truth.lateEvents()).as("the scenario has late events").isPositive();
                KinesisScenarioStream stream = (KinesisScenarioStream) run.stream();
                List<Map<String, Object>> letters = run.deadLetters(truth.deadLetters().size(),
                        Duration.ofSeconds(60));
                assertThat(letters).as("dead letters").hasSize(truth.deadLetters().size());
                assertThat(letters.stream().collect(Collectors.toMap(letter -> (String) letter.get("origin"),
                        ScenarioRun::content)))
                        .as("dead letters by origin (stream/shard/sequence number)")
                        .isEqualTo(truth.deadLetters().stream().collect(Collectors.toMap(
                                letter -> stream.origin(letter.sequence()), ScenarioRun::content)));
                run.assertArchiveHoldsEverything(scenario, Duration.ofSeconds(60));
            } finally {
                job.cancel().get();
            }
        }
    }
}
