package io.adinsights.schemas.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Records for comparing {@link EventParser}'s fast path with its schema path: valid events of every type and their
 * systematic mutations. Built here rather than taken from the traffic module, which schemas must not depend on.
 * Public (with {@link #parseWithSchemaOnly}) for the benchmark in another package.
 */
public final class EventCorpus {

    /** The ingest time the records' event times are relative to. */
    public static final Instant INGEST = Instant.parse("2026-03-29T02:00:00Z");

    static final String ASTRAL = new String(Character.toChars(0x1F600));
    static final List<String> CONTRACT_FIELDS = List.of("eventId", "eventType", "eventTime", "campaignId", "adId",
            "clickId", "userId", "retailerId", "productId", "placement", "quantity", "schemaVersion");

    private EventCorpus() {
    }

    /** The schema path alone, for comparison. */
    public static ParseResult parseWithSchemaOnly(EventParser parser, byte[] record, Instant ingestTime) {
        return parser.parseWithSchemaOnly(RawRecord.of(record), ingestTime);
    }

    /** Valid events of each type, with and without optional and extra fields, as ordered raw JSON properties. */
    static List<Map<String, String>> validBases() {
        List<Map<String, String>> bases = new ArrayList<>();
        bases.add(object("eventId", q("e-1"), "eventType", q("impression"), "eventTime", q("2026-03-29T01:00:00Z"),
                "campaignId", q("c-1"), "adId", q("a-1")));
        bases.add(object("eventId", q("e-2"), "eventType", q("click"),
                "eventTime", q("2026-03-29T03:59:30.123456+02:00"), "campaignId", q("c-1"), "adId", q("a-1"),
                "userId", q("u-1"), "retailerId", q("r-1"), "productId", q("p-1"), "placement", q("home"),
                "schemaVersion", "1"));
        bases.add(object("eventId", q("e-3"), "eventType", q("add_to_basket"),
                "eventTime", q("2026-03-28T22:00:00.5-03:30"), "clickId", q("e-2")));
        bases.add(object("sdk", q("ios-4.2"), "eventId", q("e-4"), "eventType", q("add_to_basket"),
                "eventTime", q("2026-03-29T01:00:00.123Z"), "clickId", q("k"), "quantity", "3",
                "device", "{\"os\":\"ios\",\"dpr\":3,\"tags\":[\"a\",null,true,1.5,{}],\"x\":{\"y\":[[]]}}",
                "userId", q("ü-ñ " + ASTRAL), "schemaVersion", "1", "big", "123456789012345678901234567890",
                "long", "9223372036854775807", "float", "1.50", "exp", "1e3", "negZero", "-0", "tiny", "1E-400",
                "huge", "1e400", "frac", "0.1000000000000000055511151231257827", "nul", "null", "arr", "[]",
                "obj", "{}", "esc", q("\\u00fc\\ud83d\\ude00\\\"\\n\\/\\t")));
        bases.add(object("eventId", q(ASTRAL.repeat(128)), "eventType", q("impression"),
                "eventTime", q("2026-03-29T01:59:59.999999999+00:00"), "campaignId", q("x".repeat(127) + ASTRAL),
                "adId", q("\\u00e9".repeat(128)), "placement", q(ASTRAL.repeat(256)), "productId", q(""),
                "userId", q("é".repeat(256)), "\\u0065xtra", q("named with an escape")));
        bases.add(object("eventId", q("e-6"), "eventType", q("click"), "eventTime", q("2026-03-29T02:05:00Z"),
                "campaignId", q("c"), "adId", q("a"), "quantityNote", "1", "EventId", q("case differs")));
        return bases;
    }

    /** The bases and, for each, every contract field removed or set to each value of {@link #fieldValues}. */
    static List<String> mutations() {
        List<String> records = new ArrayList<>();
        for (Map<String, String> base : validBases()) {
            records.add(json(base));
            List<String> fields = new ArrayList<>(CONTRACT_FIELDS);
            fields.add("extra");
            for (String field : fields) {
                Map<String, String> removed = new LinkedHashMap<>(base);
                removed.remove(field);
                records.add(json(removed));
                for (String value : fieldValues()) {
                    Map<String, String> changed = new LinkedHashMap<>(base);
                    changed.put(field, value);
                    records.add(json(changed));
                }
            }
            for (String time : times()) {
                Map<String, String> changed = new LinkedHashMap<>(base);
                changed.put("eventTime", q(time));
                records.add(json(changed));
            }
        }
        return records;
    }

    /** Raw JSON values a field may be set to: every type, edge numbers, event types and strings at length limits. */
    static List<String> fieldValues() {
        List<String> values = new ArrayList<>(List.of("null", "true", "false", "1", "1.0", "1.5", "0", "-1", "2",
                "-0", "1e0", "1E2", "2147483647", "2147483648", "-2147483648", "99999999999", "1.0e0",
                "100000000000000000000", "[]", "[\"x\"]", "{}", "{\"a\":1}", q(""), q(" "), q("1"), q("x"),
                q("impression"), q("click"), q("add_to_basket"), q("Impression"), q("CLICK"), q("view"),
                q("add-to-basket"), q(" click"), q("click "), q("2026-03-29T01:00:00Z"), q("\\u0000")));
        for (int limit : new int[] {64, 128, 256}) {
            for (int length : new int[] {limit - 1, limit, limit + 1}) {
                values.add(q("x".repeat(length)));
                values.add(q(ASTRAL.repeat(length)));
                values.add(q("é".repeat(length)));
                values.add(q("x".repeat(length - 1) + ASTRAL)); // length code points, length + 1 UTF-16 units
            }
            values.add(q(ASTRAL.repeat(limit / 2))); // limit UTF-16 units
            values.add(q(ASTRAL.repeat(limit / 2) + "x")); // limit + 1 UTF-16 units, limit / 2 + 1 code points
        }
        return values;
    }

    /** Event times around the edges of RFC 3339, of what EventTimes reads and of the 5-minute skew. */
    static List<String> times() {
        List<String> times = new ArrayList<>(List.of("2026-03-29T01:00:00Z", "2026-03-29t01:00:00Z",
                "2026-03-29T01:00:00z", "2026-03-29t01:00:00z", "2026-03-29T01:00Z", "2026-03-29T01:00:00",
                "2026-03-29 01:00:00Z", "2026-03-28T23:59:60Z", "2026-03-28T23:59:60+00:00", "2026-03-28T23:60:00Z",
                "2026-03-28T24:00:00Z", "2026-03-29T01:00:00+14:00", "2026-03-29T01:00:00-00:00",
                "2026-03-29T01:00:00+00:00", "2026-03-29T01:00:00+18:00", "2026-03-29T01:00:00-18:00",
                "2026-03-29T01:00:00+18:01", "2026-03-29T01:00:00+23:59", "2026-03-29T01:00:00+24:00",
                "2026-03-29T01:00:00+01:60", "2026-03-29T01:00:00+0100", "2026-03-29T01:00:00+01",
                "2026-03-29T01:00:00.Z", "2026-03-29T01:00:00,5Z", "2026-03-29T01:00:00.5", "2026-02-29T01:00:00Z",
                "2024-02-29T01:00:00Z", "2026-02-30T01:00:00Z", "2026-13-01T01:00:00Z", "2026-00-01T01:00:00Z",
                "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+2026-03-29T01:00:00Z",
                "2026-03-29T02:05:00Z", "2026-03-29T02:05:00.000000001Z", "2026-03-29T02:05:00.001Z",
                "2026-03-29T04:05:00+02:00", "2026-03-29T04:05:00.001+02:00", "2026-03-29T01:00:00Z ",
                " 2026-03-29T01:00:00Z", "2026-03-29T01:00:00ZZ", "２０２６-03-29T01:00:00Z", "yesterday", ""));
        StringBuilder fraction = new StringBuilder();
        for (int digits = 1; digits <= 10; digits++) {
            fraction.append(digits % 10);
            times.add("2026-03-29T01:00:00." + fraction + "Z");
            times.add("2026-03-29T01:00:00." + fraction + "+05:45");
        }
        times.add("2026-03-29T01:00:00." + "0".repeat(44) + "Z"); // 64 characters
        times.add("2026-03-29T01:00:00." + "0".repeat(45) + "Z"); // 65
        return times;
    }

    /** Whole-record variants of one valid record: duplicates, trailing content, bytes that are not ASCII or UTF-8. */
    static List<byte[]> recordVariants(String valid) {
        String inner = valid.substring(1, valid.length() - 1);
        List<String> texts = new ArrayList<>(List.of(valid + " ", valid + "\n", " \t\r\n" + valid + "\r\n",
                valid + "x", valid + "{}", valid + "}", valid + ",", valid + " // c", valid + "\u0000",
                valid + "\u00a0", "\ufeff" + valid, "[" + valid + "]", valid.substring(0, valid.length() - 1),
                "{" + inner + ",\"eventId\":\"again\"}", "{" + inner + ",\"eventTime\":\"2026-03-29T01:00:00Z\"}",
                "{" + inner + ",\"x\":1,\"x\":2}", "{" + inner + ",\"x\":{\"a\":1,\"a\":1}}",
                "{" + inner + ",\"x\":[1,{\"a\":{\"b\":1,\"b\":2}}]}", "{" + inner + ",\"x\":[{},[{\"a\":1}]]}",
                "{" + inner + ",\"deep\":" + "[".repeat(31) + "]".repeat(31) + "}",
                "{" + inner + ",\"deep\":" + "[".repeat(32) + "]".repeat(32) + "}",
                "{" + inner + ",}", "{" + inner + ",'x':1}", "{" + inner + ",\"x\":NaN}", "{" + inner + ",\"x\":01}",
                "{" + inner + ",\"x\":+1}", "{" + inner + ",\"x\":.5}", "{" + inner + ",\"x\":\"\t\"}",
                "{" + inner + ",\"ü\":\"ü\"}", "{" + inner + ",\"x\":\"\\ud800\"}", valid.replace(":", " : ")));
        List<byte[]> records = new ArrayList<>();
        for (String text : texts) {
            records.add(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int inString = valid.indexOf("\"eventId\":\"") + "\"eventId\":\"".length();
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xFF}, {(byte) 0xC3, (byte) 0xBC}}) {
            records.add(insert(bytes, inString, bad));
        }
        for (int cut = 1; cut < bytes.length; cut += 3) {
            records.add(Arrays.copyOf(bytes, cut));
        }
        return records;
    }

    /** Random valid events like a producer's, each of which the fast path should read. */
    public static List<byte[]> randomValid(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> records = new ArrayList<>(count);
        String[] offsets = {"Z", "+00:00", "+02:00", "-05:00", "+05:30", "-00:00"};
        for (int i = 0; i < count; i++) {
            Instant time = INGEST.minusMillis(random.nextLong(86_400_000L * 3)).plusMillis(random.nextInt(300_000));
            String offset = offsets[random.nextInt(offsets.length)];
            ZoneOffset zone = "Z".equals(offset) || "-00:00".equals(offset) ? ZoneOffset.UTC : ZoneOffset.of(offset);
            String local = time.atOffset(zone).toLocalDateTime().toString();
            String text = (local.length() == 16 ? local + ":00" : local) + offset;
            Map<String, String> event = object("eventId", q("evt-" + Long.toHexString(random.nextLong())),
                    "eventTime", q(text));
            int kind = random.nextInt(10);
            if (kind < 7) {
                event.put("eventType", q(kind < 6 ? "impression" : "click"));
                event.put("campaignId", q("cmp-" + random.nextInt(500)));
                event.put("adId", q("ad-" + random.nextInt(5_000)));
            } else {
                event.put("eventType", q("add_to_basket"));
                event.put("clickId", q("evt-" + Long.toHexString(random.nextLong())));
                if (random.nextBoolean()) {
                    event.put("quantity", Integer.toString(1 + random.nextInt(5)));
                }
            }
            if (random.nextInt(3) > 0) {
                event.put("userId", q("user-" + random.nextInt(1_000_000)));
                event.put("placement", q(random.nextBoolean() ? "homepage" : "search-results"));
            }
            if (random.nextInt(4) == 0) {
                event.put("retailerId", q("ret-" + random.nextInt(40)));
                event.put("productId", q("sku-" + random.nextInt(100_000)));
            }
            if (random.nextInt(5) == 0) {
                event.put("sdk", q("android-" + random.nextInt(10)));
                event.put("ctx", "{\"ab\":[" + random.nextInt(9) + ",\"b\"],\"w\":" + random.nextDouble() + "}");
            }
            event.put("schemaVersion", "1");
            records.add(json(event).getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    /** The mutations the schema path rejects, for the benchmark's share of invalid records. */
    public static List<byte[]> invalidSamples() {
        EventParser parser = EventParser.create();
        List<byte[]> records = new ArrayList<>();
        for (String text : mutations()) {
            byte[] record = text.getBytes(StandardCharsets.UTF_8);
            try {
                if (parseWithSchemaOnly(parser, record, INGEST) instanceof ParseResult.Invalid) {
                    records.add(record);
                }
            } catch (IllegalArgumentException e) {
                // A clickId on an impression or click passes the schema but not AdEvent: not a rejection today.
                continue;
            }
        }
        return records;
    }

    static String json(Map<String, String> properties) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(q(property.getKey())).append(':').append(property.getValue());
        }
        return json.append('}').toString();
    }

    private static Map<String, String> object(String... namesAndValues) {
        Map<String, String> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /** A JSON string literal of text that needs no escaping (or is already escaped). */
    private static String q(String text) {
        return "\"" + text + "\"";
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }
}
