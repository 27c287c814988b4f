package io.adinsights.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform end to end: the whole local stack on free ports, a messy scenario through ingestion and the producer
 * library, the speed layer killed and resumed mid-stream, one batch run, and every API answer before, across and
 * after the boundary compared with the oracle (see {@link OneShotRun}).
 */
class LocalStackIT {

    @Test
    void everyFigureOfTheApiEqualsTheOracleAfterAMessyRunWithARestart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("adinsights.build.dir", "target")),
                "local-stack-it");
        StackSettings settings = StackSettings.from(Map.of("dir", dir.toString(), "events", "12000"), Map.of())
                .withFreePorts();
        try (LocalStack stack = OneShotRun.stack(settings, System.out)) {
            stack.start();
            OneShotRun.Result result = new OneShotRun(stack, System.out).run();

            assertThat(result.lateEvents()).as("late events in the scenario").isPositive();
            assertThat(result.duplicates()).as("duplicates in the scenario").isPositive();
            assertThat(result.deadLetters()).as("malformed records in the scenario").isGreaterThan(10);
            assertThat(result.viaHttp()).as("records sent through ingestion").isPositive();
            assertThat(result.viaProducer()).as("records sent through the producer library").isPositive();
            assertThat(result.rejectedByIngestion()).as("records ingestion rejected: the ones no stream takes")
                    .isEqualTo(result.tooLargeForStream()).isPositive();
            assertThat(result.batchStatus()).as("batch run status (0: checks passed, watermark published)")
                    .isZero();
            assertThat(result.api().figures()).as("figures compared").isGreaterThan(1_000);
            assertThat(result.api().differences()).as("API answers that differ from the oracle").isEmpty();
            assertThat(result.deadLettersEqual()).as("dead letters equal the oracle's").isTrue();
            assertThat(result.archiveEqual()).as("the raw zone holds every record that reached the stream")
                    .isTrue();
            assertThat(result.passed()).isTrue();
        }
    }
}
