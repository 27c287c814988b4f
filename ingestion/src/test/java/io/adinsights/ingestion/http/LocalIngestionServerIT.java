package io.adinsights.ingestion.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.ingestion.EventIngestor;
import io.adinsights.ingestion.request.IngestionLimits;
import io.adinsights.ingestion.stream.KafkaStreamWriter;
import io.adinsights.ingestion.support.StreamContents;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.validation.RejectionReason;
import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.servers.kafka.KafkaServerExtension;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.ScenarioSize;
import io.adinsights.traffic.generator.TrafficConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messy traffic from the generator posted to the local server as newline-delimited batches, backed by a real Kafka
 * broker: every valid record is on the events topic exactly as sent, every invalid one is answered with the reason
 * the contract gives it and is on the dead-letter topic.
 */
@ExtendWith(KafkaServerExtension.class)
class LocalIngestionServerIT {

    private static final int BATCH = 200;

    @Test
    void messyTrafficEndsOnTheRightTopicsWithTheRightAnswers(KafkaServer kafka) throws Exception {
        kafka.createTopic("http-events", 3);
        kafka.createTopic("http-dead-letters", 1);
        TrafficConfig config = TrafficConfig.messy().toBuilder().size(ScenarioSize.SMALL).events(4_000).build();
        Duration span = Duration.ofSeconds((long) (config.events() / config.eventsPerSecond()));
        Scenario scenario = Scenario.of(config.toBuilder()
                .start(Instant.now().minus(span).minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS))
                .build());
        // An empty record is nothing at all in a newline-delimited body: there is no record to answer for.
        List<Delivery> deliveries = scenario.stream()
                .filter(d -> d.expectedRejection() != RejectionReason.EMPTY_RECORD).toList();

        List<String> statuses = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        try (KafkaStreamWriter events = new KafkaStreamWriter(kafka.bootstrapServers(), "http-events");
                KafkaStreamWriter deadLetters = new KafkaStreamWriter(kafka.bootstrapServers(), "http-dead-letters");
                LocalIngestionServer server = new LocalIngestionServer(new IngestionEndpoint(
                        new EventIngestor(EventParser.create(), events, deadLetters, Clock.systemUTC(),
                                new SimpleMeterRegistry()), IngestionLimits.defaults()), 0)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int start = 0; start < deliveries.size(); start += BATCH) {
                List<Delivery> batch = deliveries.subList(start, Math.min(deliveries.size(), start + BATCH));
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(server.uri() + IngestionEndpoint.PATH))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson(batch))).build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.add(String.valueOf(response.statusCode()));
                answers.add(response.body());
            }
        }

        List<Delivery> valid = deliveries.stream().filter(Delivery::isValid).toList();
        List<Delivery> invalid = deliveries.stream().filter(d -> !d.isValid()).toList();
        assertThat(invalid).isNotEmpty();
        assertThat(statuses).containsOnly("200", "207");
        String allAnswers = String.join("\n", answers);
        List<String> answeredReasons = new ArrayList<>();
        for (int at = allAnswers.indexOf("\"reason\":\""); at >= 0; at = allAnswers.indexOf("\"reason\":\"", at + 1)) {
            int start = at + "\"reason\":\"".length();
            answeredReasons.add(allAnswers.substring(start, allAnswers.indexOf('"', start)));
        }
        assertThat(answeredReasons).containsExactlyInAnyOrderElementsOf(
                invalid.stream().map(d -> d.expectedRejection().code()).toList());
        assertThat(count(allAnswers, "\"status\":\"accepted\"")).isEqualTo(valid.size());
        assertThat(count(allAnswers, "\"status\":\"rejected\"")).isEqualTo(invalid.size());

        List<String> onTopic = texts(StreamContents.kafka(kafka.bootstrapServers(), "http-events", valid.size(),
                Duration.ofSeconds(60)));
        assertThat(onTopic).containsExactlyInAnyOrderElementsOf(texts(valid.stream().map(Delivery::payload).toList()));
        List<RejectionReason> deadLetterReasons = StreamContents.kafka(kafka.bootstrapServers(), "http-dead-letters",
                invalid.size(), Duration.ofSeconds(60)).stream()
                .map(json -> EventJson.readDeadLetter(json).rejection().reason()).toList();
        assertThat(deadLetterReasons)
                .containsExactlyInAnyOrderElementsOf(invalid.stream().map(Delivery::expectedRejection).toList());
    }

    private static byte[] ndjson(List<Delivery> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Delivery delivery : batch) {
            body.writeBytes(delivery.payload());
            body.write('\n');
        }
        return body.toByteArray();
    }

    private static long count(String text, String needle) {
        long count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static List<String> texts(List<byte[]> payloads) {
        return payloads.stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
