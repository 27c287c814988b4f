package io.adinsights.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.parse.ParseResult;
import io.adinsights.schemas.parse.RecordReader;
import io.adinsights.schemas.validation.Rejection;
import io.adinsights.schemas.validation.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final Instant TIME = Instant.parse("2026-03-29T01:59:30.250Z");
    private final EventParser parser = EventParser.create();

    @Test
    void everyKindOfEventRoundTripsThroughTheParser() {
        List<AdEvent> events = List.of(
                AdEvent.impression("i-1", TIME, "c-1", "a-1"),
                AdEvent.click("k-1", TIME, "c-1", "a-2").withContext("u-1", "r-1", "p-1", "search"),
                AdEvent.addToBasket("b-1", TIME, "k-1").withQuantity(2),
                new AdEvent("b-2", EventType.ADD_TO_BASKET, TIME, null, null, "k-1", null, null, null, null, null, 1,
                        "{\"sdk\":\"ios\",\"device\":{\"dpr\":3}}"));

        for (AdEvent event : events) {
            ParseResult result = parser.parse(EventJson.toJson(event), TIME);
            assertThat(result).isEqualTo(new ParseResult.Valid(event));
        }
    }

    @Test
    void writesOnlyTheFieldsThatAreSet() {
        String json = new String(EventJson.toJson(AdEvent.impression("i-1", TIME, "c-1", "a-1")),
                StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"eventId\":\"i-1\",\"eventType\":\"impression\","
                + "\"eventTime\":\"2026-03-29T01:59:30.250Z\",\"campaignId\":\"c-1\",\"adId\":\"a-1\","
                + "\"schemaVersion\":1}");
    }

    @Test
    void deadLettersRoundTripWithTheirRawBytes() {
        byte[] raw = {'{', (byte) 0xFF, '"'};
        DeadLetter letter = new DeadLetter(raw, new Rejection(RejectionReason.INVALID_UTF8, "bad byte at 1"),
                "kafka:ad-events/2/17", TIME);

        DeadLetter back = EventJson.readDeadLetter(EventJson.toJson(letter));

        assertThat(back.raw()).isEqualTo(raw);
        assertThat(back.rejection()).isEqualTo(letter.rejection());
        assertThat(back.origin()).isEqualTo(letter.origin());
        assertThat(back.receivedAt()).isEqualTo(TIME);
    }

    @Test
    void keepsOnlyTheBeginningOfHugeRawBytesSoTheLetterFitsAStreamRecord() {
        byte[] raw = new byte[RecordReader.MAX_RECORD_BYTES_DEFAULT];
        Arrays.fill(raw, (byte) 'x');
        DeadLetter letter = new DeadLetter(raw, new Rejection(RejectionReason.RECORD_TOO_LARGE, "too large"),
                "kafka:ad-events/0/1", TIME);

        byte[] json = EventJson.toJson(letter);

        assertThat(json.length).isLessThan(1024 * 1024 - 1024);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"rawBytes\":1048576", "\"rawTruncated\":true");
        assertThat(EventJson.readDeadLetter(json).raw()).hasSize(EventJson.MAX_RAW_BYTES_IN_DEAD_LETTER);
    }
}
