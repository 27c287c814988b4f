package io.adinsights.ingestion.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.ingestion.stream.KinesisStreamWriter;
import io.adinsights.ingestion.stream.RetryPolicy;
import io.adinsights.ingestion.stream.WriteOutcome;
import io.adinsights.ingestion.support.StreamContents;
import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.servers.kinesis.KinesisServer;
import io.adinsights.servers.kinesis.KinesisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisClient;

@ExtendWith(KinesisServerExtension.class)
class AdEventProducerIT {

    @Test
    void batchesEveryEventOntoTheStreamWhileASmallQueuePushesBack(KinesisServer kinesis) throws Exception {
        kinesis.createStream("producer-events", 3);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<AdEvent> events = IntStream.range(0, 3_000)
                .mapToObj(i -> AdEvent.impression("p-" + i, Instant.parse("2026-03-29T01:00:00Z").plusMillis(i),
                        "c-" + i % 7, "a-" + i % 3))
                .toList();

        List<CompletableFuture<WriteOutcome>> outcomes = new ArrayList<>();
        // A queue of 50 makes send() wait for the sender thread again and again: back-pressure, not growth.
        try (AdEventProducer producer = new AdEventProducer(new KinesisStreamWriter(kinesis.newClient(),
                "producer-events", RetryPolicy.defaults()), new ProducerSettings(500, Duration.ofMillis(10), 50),
                meters)) {
            for (AdEvent event : events) {
                outcomes.add(producer.send(event));
            }
            producer.flush();
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isDone());
        }

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.get().written()).isTrue());
        assertThat(meters.counter("producer.records", "outcome", "written").count()).isEqualTo(3_000);
        try (KinesisClient client = kinesis.newClient()) {
            assertThat(StreamContents.kinesis(client, "producer-events"))
                    .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrderElementsOf(events.stream()
                            .map(event -> new String(EventJson.toJson(event), StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    void answersEveryQueuedRecordWhenTheStreamIsMissing(KinesisServer kinesis) throws Exception {
        RetryPolicy quick = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5));
        List<CompletableFuture<WriteOutcome>> outcomes = new ArrayList<>();
        try (AdEventProducer producer = new AdEventProducer(new KinesisStreamWriter(kinesis.newClient(), "missing",
                quick), ProducerSettings.defaults(), new SimpleMeterRegistry())) {
            for (int i = 0; i < 10; i++) {
                outcomes.add(producer.send("k-" + i, "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.get().written()).isFalse());
    }
}
