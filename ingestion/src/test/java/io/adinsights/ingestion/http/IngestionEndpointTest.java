package io.adinsights.ingestion.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.ingestion.EventIngestor;
import io.adinsights.ingestion.request.IngestionLimits;
import io.adinsights.ingestion.stream.StreamRecord;
import io.adinsights.ingestion.stream.StreamWriter;
import io.adinsights.ingestion.stream.WriteOutcome;
import io.adinsights.schemas.event.DeadLetter;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.validation.RejectionReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The HTTP contract over in-memory streams; the same endpoint runs against real streams in the ITs. */
class IngestionEndpointTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-29T02:00:00Z"), ZoneOffset.UTC);
    private static final String CLICK = "{\"eventId\":\"k-1\",\"eventType\":\"click\","
            + "\"eventTime\":\"2026-03-29T01:00:00Z\",\"campaignId\":\"c\",\"adId\":\"a\"}";
    private static final String BASKET = "{\"eventId\":\"b-1\",\"eventType\":\"add_to_basket\","
            + "\"eventTime\":\"2026-03-29T01:01:00Z\",\"clickId\":\"k-1\"}";

    private final MemoryStream events = new MemoryStream(record -> true);
    private final MemoryStream deadLetters = new MemoryStream(record -> true);

    @Test
    void acceptsEveryValidEventWith200AndWritesTheBytesAsSent() {
        HttpAnswer answer = post("[" + CLICK + "," + BASKET + "]");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(text(answer)).contains("\"accepted\":2", "\"rejected\":0", "\"eventId\":\"k-1\"");
        assertThat(events.written).extracting(StreamRecord::partitionKey).containsExactly("k-1", "b-1");
        assertThat(new String(events.written.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo(CLICK);
        assertThat(deadLetters.written).isEmpty();
    }

    @Test
    void answers207WithAResultPerRecordAndDeadLettersTheRejected() {
        HttpAnswer answer = post(CLICK + "\n{\"eventId\":\"x\"}\n" + BASKET);

        assertThat(answer.status()).isEqualTo(207);
        assertThat(text(answer)).contains("\"accepted\":2", "\"rejected\":1",
                "{\"index\":1,\"status\":\"rejected\",\"reason\":\"MISSING_FIELD\"");
        assertThat(events.written).hasSize(2);
        DeadLetter letter = EventJson.readDeadLetter(deadLetters.written.get(0).payload());
        assertThat(letter.rejection().reason()).isEqualTo(RejectionReason.MISSING_FIELD);
        assertThat(letter.rawText()).isEqualTo("{\"eventId\":\"x\"}");
        assertThat(letter.origin()).isEqualTo("test#1");
    }

    @Test
    void answers400AsProblemDetailsWhenNothingIsValid() {
        HttpAnswer answer = post("[{\"eventId\":\"x\"}, 42]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(text(answer)).contains("\"title\":\"No valid event\"", "\"reason\":\"NOT_AN_OBJECT\"");
        assertThat(events.written).isEmpty();
        assertThat(deadLetters.written).hasSize(2);
    }

    @Test
    void reportsRecordsTheStreamDidNotTakeSoOnlyThoseAreRetried() {
        MemoryStream flaky = new MemoryStream(record -> !record.partitionKey().equals("b-1"));
        EventIngestor ingestor = new EventIngestor(EventParser.create(), flaky, deadLetters, CLOCK,
                new SimpleMeterRegistry());
        IngestionEndpoint endpoint = new IngestionEndpoint(ingestor, IngestionLimits.defaults());

        HttpAnswer partly = endpoint.handle(call("POST", "/events", "application/json", CLICK + "\n" + BASKET));
        HttpAnswer none = endpoint.handle(call("POST", "/events", "application/json", BASKET));

        assertThat(partly.status()).isEqualTo(207);
        assertThat(text(partly)).contains("{\"index\":1,\"status\":\"failed\",\"eventId\":\"b-1\",\"error\":\"full\"}");
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void refusesWrongRequestsWithTheRightStatus() {
        IngestionEndpoint endpoint = endpoint(new IngestionLimits(200, 2));

        assertThat(endpoint.handle(call("GET", "/events", null, "")).status()).isEqualTo(405);
        assertThat(endpoint.handle(call("POST", "/other", null, CLICK)).status()).isEqualTo(404);
        assertThat(endpoint.handle(call("POST", "/events", "application/xml", CLICK)).status()).isEqualTo(415);
        assertThat(endpoint.handle(call("POST", "/events", null, "")).status()).isEqualTo(400);
        assertThat(endpoint.handle(call("POST", "/events", null, "[" + CLICK)).status()).isEqualTo(400);
        assertThat(endpoint.handle(call("POST", "/events", null, "[1,2,3]")).status()).isEqualTo(413);
        assertThat(endpoint.handle(call("POST", "/events", null, CLICK + CLICK + CLICK)).status()).isEqualTo(413);
        assertThat(endpoint.handle(call("POST", "/events", "application/x-ndjson; charset=utf-8", CLICK)).status())
                .isEqualTo(200);
        assertThat(endpoint.handle(call("GET", "/health", null, "")).status()).isEqualTo(200);
        assertThat(events.written).hasSize(1);
    }

    private HttpAnswer post(String body) {
        return endpoint(IngestionLimits.defaults()).handle(call("POST", "/events", "application/json", body));
    }

    private IngestionEndpoint endpoint(IngestionLimits limits) {
        EventIngestor ingestor = new EventIngestor(EventParser.create(), events, deadLetters, CLOCK,
                new SimpleMeterRegistry());
        return new IngestionEndpoint(ingestor, limits);
    }

    private static HttpCall call(String method, String path, String contentType, String body) {
        return new HttpCall(method, path, contentType, body.getBytes(StandardCharsets.UTF_8), "test");
    }

    private static String text(HttpAnswer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    /** A stream in memory that takes the records the predicate accepts and refuses the others. */
    private static final class MemoryStream implements StreamWriter {
        private final Predicate<StreamRecord> takes;
        private final List<StreamRecord> written = new ArrayList<>();

        MemoryStream(Predicate<StreamRecord> takes) {
            this.takes = takes;
        }

        @Override
        public List<WriteOutcome> write(List<StreamRecord> records) {
            List<WriteOutcome> outcomes = new ArrayList<>();
            for (StreamRecord record : records) {
                if (takes.test(record)) {
                    written.add(record);
                    outcomes.add(WriteOutcome.written("memory/" + written.size()));
                } else {
                    outcomes.add(WriteOutcome.failed("full"));
                }
            }
            return outcomes;
        }

        @Override
        public String destination() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }
}
