package io.adinsights.speed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.cql.CqlServerExtension;
import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.servers.kafka.KafkaServerExtension;
import io.adinsights.speed.LocalSpeedLayer;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.SpeedLayerJob;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.oracle.Truth;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole job on a MiniCluster, Kafka (3 partitions) → CQL, on 200 k messy events, compared with the oracle. */
@ExtendWith({KafkaServerExtension.class, CqlServerExtension.class})
class SpeedLayerKafkaIT {

    private final KafkaServer kafka;
    private final CqlServer cql;

    SpeedLayerKafkaIT(KafkaServer kafka, CqlServer cql) {
        this.kafka = kafka;
        this.cql = cql;
    }

    @Test
    void countsAMessyScenarioExactly() throws Exception {
        TrafficConfig traffic = ScenarioRun.messyNearNow(200_000, 10.0, 11, Duration.ofMinutes(40));
        Scenario scenario = Scenario.of(traffic);
        try (ScenarioRun run = ScenarioRun.onKafka(kafka, cql, "messy")) {
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
                assertThat(ScenarioRun.byContent(run.deadLetters(truth.deadLetters().size(), Duration.ofSeconds(60))))
                        .isEqualTo(ScenarioRun.expectedDeadLetters(truth.deadLetters()));
                run.assertArchiveHoldsEverything(scenario, Duration.ofSeconds(60));
            } finally {
                job.cancel().get();
            }
        }
    }
}
