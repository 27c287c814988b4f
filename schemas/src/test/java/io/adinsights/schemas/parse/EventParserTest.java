package io.adinsights.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.validation.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventParserTest {

    private static final Instant INGEST = Instant.parse("2026-03-29T02:00:00Z");
    private static final EventParser PARSER = EventParser.create();

    @Test
    void readsAnImpressionWithAnOffsetToTheMillisecond() {
        AdEvent event = valid("""
                {"eventId":"e-1","eventType":"impression","eventTime":"2026-03-29T03:59:30.123456+02:00",
                 "campaignId":"c-1","adId":"a-1","userId":"u-9","placement":"homepage"}""");

        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.eventType()).isEqualTo(EventType.IMPRESSION);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-03-29T01:59:30.123Z"));
        assertThat(event.campaignId()).isEqualTo("c-1");
        assertThat(event.adId()).isEqualTo("a-1");
        assertThat(event.userId()).isEqualTo("u-9");
        assertThat(event.placement()).isEqualTo("homepage");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.extraFieldsJson()).isNull();
    }

    @Test
    void readsABasketAndKeepsUnknownFieldsAsJson() {
        AdEvent event = valid("""
                {"eventId":"b-1","eventType":"add_to_basket","eventTime":"2026-03-29T01:00:00z","clickId":"k-1",
                 "quantity":3,"schemaVersion":1,"sdk":"ios-4.2","device":{"os":"ios","dpr":3}}""");

        assertThat(event.eventType()).isEqualTo(EventType.ADD_TO_BASKET);
        assertThat(event.clickId()).isEqualTo("k-1");
        assertThat(event.quantity()).isEqualTo(3);
        assertThat(event.campaignId()).isNull();
        assertThat(event.extraFieldsJson()).isEqualTo("{\"sdk\":\"ios-4.2\",\"device\":{\"os\":\"ios\",\"dpr\":3}}");
    }

    @Test
    void keepsAClickIdOnAClickWithTheUnknownFieldsNotAsTheBasketsClick() {
        AdEvent event = valid("""
                {"eventId":"k-2","eventType":"click","eventTime":"2026-03-29T01:00:00Z","campaignId":"c","adId":"a",
                 "clickId":"k-1","sdk":"web"}""");

        assertThat(event.eventType()).isEqualTo(EventType.CLICK);
        assertThat(event.clickId()).isNull();
        assertThat(event.extraFieldsJson()).isEqualTo("{\"clickId\":\"k-1\",\"sdk\":\"web\"}");
    }

    @Test
    void acceptsAnEventExactlyFiveMinutesAhead() {
        AdEvent event = valid("""
                {"eventId":"e","eventType":"click","eventTime":"2026-03-29T02:05:00Z","campaignId":"c","adId":"a"}""");
        assertThat(event.eventTime()).isEqualTo(INGEST.plusSeconds(300));
    }

    static Stream<Arguments> badRecords() {
        String longId = "x".repeat(129);
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        return Stream.of(
                bad("", RejectionReason.EMPTY_RECORD),
                bad("  \n ", RejectionReason.EMPTY_RECORD),
                bad("{\"eventId\":\"e\",\"eventType\":\"click\"", RejectionReason.TRUNCATED_RECORD),
                bad("{\"eventId\":\"e1\",\"eventType\":\"click\",", RejectionReason.TRUNCATED_RECORD),
                bad("{\"eventId\":\"e1\",\"consent\":tr", RejectionReason.TRUNCATED_RECORD),
                bad("{\"eventId\":\"e1\",\"n\":1.", RejectionReason.TRUNCATED_RECORD),
                bad("{\"eventId\":\"e1\",\"list\":[1,", RejectionReason.TRUNCATED_RECORD),
                bad("{\"eventId\":\"e1\",\"name\":\"ab", RejectionReason.TRUNCATED_RECORD),
                bad(deep, RejectionReason.NESTING_TOO_DEEP),
                bad("not json at all", RejectionReason.MALFORMED_JSON),
                bad("{'eventId':'e'}", RejectionReason.MALFORMED_JSON),
                bad("{\"eventId\":\"e\",}", RejectionReason.MALFORMED_JSON),
                bad(event("\"eventId\":\"e\",\"eventId\":\"f\""), RejectionReason.MALFORMED_JSON),
                bad(event("\"eventId\":\"e\"") + "{}", RejectionReason.MALFORMED_JSON),
                bad(event("\"eventId\":\"e\"") + "{", RejectionReason.MALFORMED_JSON),
                bad("{\"eventId\":tru}", RejectionReason.MALFORMED_JSON),
                bad("[1,2,3]", RejectionReason.NOT_AN_OBJECT),
                bad("\"just a string\"", RejectionReason.NOT_AN_OBJECT),
                bad("42", RejectionReason.NOT_AN_OBJECT),
                bad("null", RejectionReason.NOT_AN_OBJECT),
                bad(event("\"eventId\":\"e\",\"schemaVersion\":2"), RejectionReason.UNSUPPORTED_SCHEMA_VERSION),
                bad(event("\"eventId\":\"e\",\"schemaVersion\":99999999999"),
                        RejectionReason.UNSUPPORTED_SCHEMA_VERSION),
                bad(event("\"eventId\":\"e\",\"schemaVersion\":0"), RejectionReason.UNSUPPORTED_SCHEMA_VERSION),
                bad("{\"eventType\":\"click\",\"eventTime\":\"2026-03-29T01:00:00Z\",\"campaignId\":\"c\","
                        + "\"adId\":\"a\"}", RejectionReason.MISSING_FIELD),
                bad("{\"eventId\":\"e\",\"eventType\":\"click\",\"eventTime\":\"2026-03-29T01:00:00Z\",\"adId\":\"a\"}",
                        RejectionReason.MISSING_FIELD),
                bad("{\"eventId\":\"e\",\"eventType\":\"add_to_basket\",\"eventTime\":\"2026-03-29T01:00:00Z\"}",
                        RejectionReason.MISSING_FIELD),
                bad(event("\"eventId\":null"), RejectionReason.WRONG_TYPE),
                bad(event("\"eventId\":17"), RejectionReason.WRONG_TYPE),
                bad(event("\"eventId\":\"e\",\"userId\":{\"id\":1}"), RejectionReason.WRONG_TYPE),
                bad("{\"eventId\":\"e\",\"eventType\":\"add_to_basket\",\"eventTime\":\"2026-03-29T01:00:00Z\","
                        + "\"clickId\":\"k\",\"quantity\":2.5}", RejectionReason.WRONG_TYPE),
                bad(event("\"eventId\":\"\""), RejectionReason.EMPTY_FIELD),
                bad(event("\"eventId\":\"" + longId + "\""), RejectionReason.FIELD_TOO_LONG),
                bad(event("\"eventId\":\"e\",\"placement\":\"" + "p".repeat(257) + "\""),
                        RejectionReason.FIELD_TOO_LONG),
                bad("{\"eventId\":\"e\",\"eventType\":\"view\",\"eventTime\":\"2026-03-29T01:00:00Z\"}",
                        RejectionReason.UNKNOWN_EVENT_TYPE),
                bad(withTime("2026-03-29T01:00:00"), RejectionReason.INVALID_EVENT_TIME),
                bad(withTime("2026-03-29T01:00Z"), RejectionReason.INVALID_EVENT_TIME),
                bad(withTime("2026-13-29T01:00:00Z"), RejectionReason.INVALID_EVENT_TIME),
                bad(withTime("2026-02-30T01:00:00Z"), RejectionReason.INVALID_EVENT_TIME),
                bad(withTime("yesterday"), RejectionReason.INVALID_EVENT_TIME),
                bad(withTime("2026-03-29T02:05:00.001Z"), RejectionReason.EVENT_TIME_IN_FUTURE),
                bad(withTime("2036-03-29T02:00:00Z"), RejectionReason.EVENT_TIME_IN_FUTURE),
                bad("{\"eventId\":\"e\",\"eventType\":\"add_to_basket\",\"eventTime\":\"2026-03-29T01:00:00Z\","
                        + "\"clickId\":\"k\",\"quantity\":0}", RejectionReason.INVALID_QUANTITY),
                bad("{\"eventId\":\"e\",\"eventType\":\"add_to_basket\",\"eventTime\":\"2026-03-29T01:00:00Z\","
                        + "\"clickId\":\"k\",\"quantity\":3000000000}", RejectionReason.INVALID_QUANTITY),
                bad(event("\"eventId\":\"e\",\"quantity\":1"), RejectionReason.INVALID_QUANTITY));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("badRecords")
    void rejectsEachBadKindWithItsReasonAndAMessage(String record, RejectionReason expected) {
        ParseResult result = PARSER.parse(record.getBytes(StandardCharsets.UTF_8), INGEST);

        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        ParseResult.Invalid invalid = (ParseResult.Invalid) result;
        assertThat(invalid.rejection().reason()).as(invalid.rejection().message()).isEqualTo(expected);
        assertThat(invalid.rejection().message()).isNotBlank();
    }

    @Test
    void rejectsInvalidUtf8WithTheByteOffset() {
        byte[] record = event("\"eventId\":\"e\"").getBytes(StandardCharsets.UTF_8);
        record[10] = (byte) 0xC3;
        record[11] = (byte) 0x28;

        ParseResult.Invalid invalid = (ParseResult.Invalid) PARSER.parse(record, INGEST);

        assertThat(invalid.rejection().reason()).isEqualTo(RejectionReason.INVALID_UTF8);
        assertThat(invalid.rejection().message()).contains("byte 10");
    }

    @Test
    void rejectsOversizedRecordsWithoutReadingThem() {
        EventParser small = EventParser.create(EventParser.MAX_FUTURE_SKEW_DEFAULT, 64);
        byte[] record = event("\"eventId\":\"e\",\"userId\":\"" + "u".repeat(100) + "\"")
                .getBytes(StandardCharsets.UTF_8);

        ParseResult.Invalid invalid = (ParseResult.Invalid) small.parse(record, INGEST);

        assertThat(invalid.rejection().reason()).isEqualTo(RejectionReason.RECORD_TOO_LARGE);
        assertThat(invalid.rejection().message()).contains("64 bytes");
    }

    @Test
    void namesTheFieldAndEventTypeInMessages() {
        ParseResult.Invalid missing = (ParseResult.Invalid) PARSER.parse(bytes(
                "{\"eventId\":\"e\",\"eventType\":\"click\",\"eventTime\":\"2026-03-29T01:00:00Z\",\"adId\":\"a\"}"),
                INGEST);
        ParseResult.Invalid wrongType = (ParseResult.Invalid) PARSER.parse(bytes(event("\"eventId\":null")), INGEST);

        assertThat(missing.rejection().message()).isEqualTo("\"campaignId\" is required for click events");
        assertThat(wrongType.rejection().message()).isEqualTo("\"eventId\" must be a string, but is null");
    }

    @Test
    void reportsTheFirstReasonInContractOrderAndEveryProblemInTheMessage() {
        ParseResult.Invalid invalid = (ParseResult.Invalid) PARSER.parse(bytes(
                "{\"eventId\":\"\",\"eventType\":\"click\",\"eventTime\":\"2026-03-29T01:00:00Z\",\"adId\":7}"),
                INGEST);

        assertThat(invalid.rejection().reason()).isEqualTo(RejectionReason.MISSING_FIELD);
        assertThat(invalid.rejection().message())
                .contains("\"campaignId\" is required")
                .contains("\"adId\" must be a string")
                .contains("\"eventId\" must not be empty");
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        byte[] seed = bytes(event("\"eventId\":\"e\",\"userId\":\"ü-ñ\""));
        for (int i = 0; i < 5_000; i++) {
            byte[] mutated = seed.clone();
            for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            assertThat(PARSER.parse(mutated, INGEST)).isNotNull();
        }
    }

    private static AdEvent valid(String json) {
        ParseResult result = PARSER.parse(bytes(json), INGEST);
        assertThat(result).as(result.toString()).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).event();
    }

    /** A valid click with the eventId part replaced by {@code idPart}. */
    private static String event(String idPart) {
        return "{" + idPart + ",\"eventType\":\"click\",\"eventTime\":\"2026-03-29T01:00:00Z\","
                + "\"campaignId\":\"c\",\"adId\":\"a\"}";
    }

    private static String withTime(String time) {
        return "{\"eventId\":\"e\",\"eventType\":\"click\",\"eventTime\":\"" + time
                + "\",\"campaignId\":\"c\",\"adId\":\"a\"}";
    }

    private static Arguments bad(String record, RejectionReason reason) {
        return Arguments.of(record, reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
