package io.adinsights.schemas.parse;

import static io.adinsights.schemas.parse.EventCorpus.INGEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.validation.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path may only accept what the schema path accepts, with the same event: {@code parse} must give exactly
 * what {@code parseWithSchemaOnly} gives, on valid records, on every mutation of them and on arbitrary bytes.
 */
class EventParserFastPathTest {

    private static final EventParser PARSER = EventParser.create();
    private static final String JSON_CHARS = "\"{}[],:0123456789.eE+-tTzZ \\u";

    @Test
    void agreesWithTheSchemaPathOnEveryFieldMutation() {
        List<String> records = EventCorpus.mutations();
        Counts counts = new Counts();
        List<String> mismatches = new ArrayList<>();
        for (String record : records) {
            compare(PARSER, bytes(record), INGEST, counts, mismatches);
        }

        assertThat(mismatches).isEmpty();
        assertThat(records).hasSizeGreaterThan(4_000);
        // Both paths must be exercised: many records are fast-accepted, many are rejected, some are valid only
        // on the schema path (the fast path is deliberately narrower).
        assertThat(counts.fast).isGreaterThan(500);
        assertThat(counts.invalid).isGreaterThan(2_000);
        assertThat(counts.validOnlyBySchema).isGreaterThan(10);
    }

    @Test
    void agreesOnTheTimeRulesWithOtherSkews() {
        Counts counts = new Counts();
        List<String> mismatches = new ArrayList<>();
        for (Duration skew : List.of(Duration.ZERO, Duration.ofHours(2), Duration.ofDays(3650 * 3))) {
            EventParser parser = EventParser.create(skew, 1024);
            for (String record : EventCorpus.mutations()) {
                if (record.length() < 600) {
                    compare(parser, bytes(record), INGEST, counts, mismatches);
                }
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(counts.fast).isGreaterThan(500);
    }

    @Test
    void agreesOnWholeRecordVariants() {
        Counts counts = new Counts();
        List<String> mismatches = new ArrayList<>();
        for (Map<String, String> base : EventCorpus.validBases()) {
            for (byte[] record : EventCorpus.recordVariants(EventCorpus.json(base))) {
                compare(PARSER, record, INGEST, counts, mismatches);
                compareRaw(new RawRecord(record, 0, 0, true, false), mismatches);
                compareRaw(new RawRecord(record, 0, 0, false, true), mismatches);
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(counts.fast).isGreaterThan(20);
        assertThat(counts.invalid).isGreaterThan(500);
    }

    @Test
    void agreesOnRandomlyDamagedRecords() {
        SplittableRandom random = new SplittableRandom(11);
        Counts counts = new Counts();
        List<String> mismatches = new ArrayList<>();
        for (byte[] valid : EventCorpus.randomValid(3, 1_000)) {
            for (int copy = 0; copy < 3; copy++) {
                byte[] damaged = valid.clone();
                for (int flips = random.nextInt(1, 3); flips > 0; flips--) {
                    int at = random.nextInt(damaged.length);
                    damaged[at] = random.nextBoolean() ? (byte) random.nextInt(256)
                            : (byte) JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length()));
                }
                compare(PARSER, damaged, INGEST, counts, mismatches);
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(counts.fast).isGreaterThan(100);
        assertThat(counts.invalid).isGreaterThan(1_000);
    }

    @Test
    void takesTheFastPathForOrdinaryValidEvents() {
        List<byte[]> records = new ArrayList<>(EventCorpus.randomValid(1, 5_000));
        for (Map<String, String> base : EventCorpus.validBases()) {
            records.add(bytes(EventCorpus.json(base)));
        }
        List<String> notFast = new ArrayList<>();
        for (byte[] record : records) {
            Optional<AdEvent> fast = PARSER.fastParse(record, INGEST);
            ParseResult reference = PARSER.parseWithSchemaOnly(RawRecord.of(record), INGEST);
            boolean same = reference instanceof ParseResult.Valid valid && fast.isPresent()
                    && valid.event().equals(fast.get());
            if (!same) {
                notFast.add(text(record) + "\n  fast: " + fast + "\n  schema: " + reference);
            }
        }

        assertThat(notFast).isEmpty();
    }

    @Test
    void keepsExtraFieldsExactlyAsTheTreeWritesThem() {
        String record = "{\"n\":1.50,\"eventId\":\"e\",\"eventType\":\"click\",\"eventTime\":\"2026-03-29T01:00:00Z\","
                + "\"campaignId\":\"c\",\"adId\":\"a\",\"big\":123456789012345678901,\"e\":1e3,\"z\":null,"
                + "\"o\":{\"b\":[1,{\"c\":\"\\u00fc\"}]}}";

        Optional<AdEvent> fast = PARSER.fastParse(bytes(record), INGEST);

        assertThat(fast).isPresent();
        assertThat(fast).contains(((ParseResult.Valid) PARSER.parseWithSchemaOnly(RawRecord.of(bytes(record)),
                INGEST)).event());
    }

    @Test
    void agreesOnExtraFieldsOfEveryShape() {
        List<String> values = List.of(
                "\"x\"", "\"\"", "\"B\u00e4ckerei \uD83D\uDE00\"", "\"a\\\"b\"", "\"a\\u0041\"", "\"a/b\"",
                "\"\u007f\"", "0", "7", "-7", "-0", "01", "123456789012345678", "1234567890123456789",
                "1.0", "1e2", "-1E-2", "true", "false", "null", "tru", "nulll",
                "{}", "[]", "[ ]", "{ \"a\" : 1 , \"b\":[true , null] }", "{\"a\":1,\"a\":2}", "[1,]", "{\"a\":}",
                "[1,[2,[3,[4,[5,[6,[7,[8,[9]]]]]]]]]");
        Counts counts = new Counts();
        List<String> mismatches = new ArrayList<>();
        String click = "\"eventId\":\"e-1\",\"eventType\":\"click\",\"eventTime\":\"2026-03-29T01:00:00Z\","
                + "\"campaignId\":\"c\",\"adId\":\"a\"";
        for (String value : values) {
            for (String record : List.of("{" + click + ",\"x\":" + value + "}",
                    "{\"x\" :\t" + value + " ,\n" + click + "}",
                    "{" + click + ",\"x\":" + value + ",\"y\":" + value + "}",
                    "{" + click + ",\"x\":" + value + ",\"x\":1}")) {
                compare(PARSER, bytes(record), INGEST, counts, mismatches);
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(counts.fast).isGreaterThan(60);
    }

    private static void compare(EventParser parser, byte[] record, Instant ingestTime, Counts counts,
            List<String> mismatches) {
        // Neither path may throw on input: an exception fails the test.
        ParseResult reference = parser.parseWithSchemaOnly(RawRecord.of(record), ingestTime);
        ParseResult actual = parser.parse(record, ingestTime);
        // Only records that pass the checks before it reach the fast path (Jackson alone lets some bad UTF-8 by).
        boolean fast = reachesFastPath(reference) && parser.fastParse(record, ingestTime).isPresent();
        if (!reference.equals(actual) || (fast && !(reference instanceof ParseResult.Valid))) {
            mismatches.add(text(record) + "\n  schema path: " + reference + "\n  parse: " + actual);
        }
        counts.fast += fast ? 1 : 0;
        counts.invalid += reference instanceof ParseResult.Valid ? 0 : 1;
        counts.validOnlyBySchema += !fast && reference instanceof ParseResult.Valid ? 1 : 0;
    }

    private static boolean reachesFastPath(Object reference) {
        return !(reference instanceof ParseResult.Invalid invalid)
                || !Set.of(RejectionReason.EMPTY_RECORD, RejectionReason.RECORD_TOO_LARGE,
                        RejectionReason.INVALID_UTF8).contains(invalid.rejection().reason());
    }

    private static void compareRaw(RawRecord record, List<String> mismatches) {
        // Neither path may throw on input: an exception fails the test.
        ParseResult reference = PARSER.parseWithSchemaOnly(record, INGEST);
        ParseResult actual = PARSER.parse(record, INGEST);
        if (!reference.equals(actual)) {
            mismatches.add(record + ": " + text(record.bytes()) + "\n  schema path: " + reference + "\n  parse: "
                    + actual);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] record) {
        return new String(record, StandardCharsets.UTF_8);
    }

    private static final class Counts {
        private int fast;
        private int invalid;
        private int validOnlyBySchema;
    }
}
