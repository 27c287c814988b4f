package io.adinsights.traffic.generator;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.validation.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Records that are not valid events, one maker per {@link RejectionReason}, each with the exact reason the contract
 * gives it. Most start from a real event's JSON and break one thing, so only that one rule is violated.
 *
 * <p>Two properties keep them safe for every path into the platform: no payload holds a raw line break (the raw
 * zone is newline-delimited), and every payload that starts with a brace is balanced outside strings, so the raw
 * zone's record reader cuts it exactly (TRUNCATED_RECORD ends at its line break, where the reader cuts it too).
 */
final class MalformedRecords {

    /** What {@link #random} draws from: every reason but RECORD_TOO_LARGE, which has its own count. */
    static final List<RejectionReason> REASONS = Arrays.stream(RejectionReason.values())
            .filter(reason -> reason != RejectionReason.RECORD_TOO_LARGE)
            .toList();

    /** Kinesis and Firehose accept at most 1 MiB per record. */
    static final int RECORD_SIZE_LIMIT = 1024 * 1024;
    private static final int ID_LENGTH_LIMIT = 128;
    private static final int ATTRIBUTE_LENGTH_LIMIT = 256;
    private static final int NESTING_LIMIT = 32;
    private static final Duration FUTURE = Duration.ofDays(3653);
    private static final String BAD_BYTES_MARK = "~BAD~";
    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xFF},
        {(byte) 0x80},
        {(byte) 0xC3, (byte) 0x28},
        {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    };
    private static final String[] EMPTY = {"", " ", "\t", "  \t  "};
    private static final String[] GARBAGE = {
        "<html><body>502 Bad Gateway</body></html>", "GET /v1/events HTTP/1.1", "#!%&*", "undefined", "NaN",
        "event=impression&campaign=cmp-0001"};
    private static final String[] NOT_OBJECTS = {"[1,2,3]", "[]", "\"impression\"", "42", "3.14", "true", "null",
        "[\"impression\",\"click\"]"};
    private static final String[] UNKNOWN_TYPES = {"view", "Click", "IMPRESSION", "add-to-basket", "purchase", ""};
    private static final String[] UNSUPPORTED_VERSIONS = {"2", "3", "10", "99999999999"};
    private static final String[] BAD_QUANTITIES = {"0", "-1", "-250", "2147483648"};

    private final SplittableRandom random;
    private final long futureMillis;

    MalformedRecords(TrafficConfig config, SplittableRandom random) {
        this.random = random;
        this.futureMillis = config.start().plus(FUTURE).toEpochMilli();
    }

    RejectionReason randomReason() {
        return REASONS.get(random.nextInt(REASONS.size()));
    }

    /** A record the contract rejects with {@code reason}, made from {@code template} where it needs an event. */
    byte[] make(RejectionReason reason, AdEvent template) {
        return switch (reason) {
            case EMPTY_RECORD -> utf8(pick(EMPTY));
            case RECORD_TOO_LARGE -> oversized(template);
            case TRUNCATED_RECORD -> utf8(truncated(fields(template).render()));
            case INVALID_UTF8 -> invalidUtf8(template);
            case NESTING_TOO_DEEP -> utf8(tooDeep(template));
            case MALFORMED_JSON -> utf8(malformedJson(template));
            case NOT_AN_OBJECT -> utf8(pick(NOT_OBJECTS));
            case UNSUPPORTED_SCHEMA_VERSION -> utf8(fields(template)
                    .putRaw("schemaVersion", pick(UNSUPPORTED_VERSIONS)).render());
            case MISSING_FIELD -> utf8(fields(template).remove(pick(requiredFields(template))).render());
            case WRONG_TYPE -> utf8(wrongType(template));
            case EMPTY_FIELD -> utf8(fields(template).putString(pick(idFields(template)), "").render());
            case FIELD_TOO_LONG -> utf8(tooLong(template));
            case UNKNOWN_EVENT_TYPE -> utf8(fields(template).putString("eventType", pick(UNKNOWN_TYPES)).render());
            case INVALID_EVENT_TIME -> utf8(fields(template)
                    .putString("eventTime", invalidTime(template.eventTime().toEpochMilli())).render());
            case EVENT_TIME_IN_FUTURE -> utf8(fields(template).putString("eventTime",
                    EventTimeText.random(futureMillis + random.nextLong(86_400_000L), random)).render());
            case INVALID_QUANTITY -> utf8(invalidQuantity(template));
        };
    }

    /** A real event padded with an unknown member to just over the record size limit. */
    private byte[] oversized(AdEvent template) {
        int padding = RECORD_SIZE_LIMIT + 1 + random.nextInt(4096);
        return utf8(fields(template).putString("padding", "0123456789abcdef".repeat(padding / 16 + 1)).render());
    }

    private JsonFields fields(AdEvent template) {
        return EventRenderer.contractFields(template,
                EventTimeText.random(template.eventTime().toEpochMilli(), random), random.nextBoolean());
    }

    /** The JSON cut anywhere inside the object: in a string, a name, a number, a literal or after a comma. */
    private String truncated(String json) {
        return json.substring(0, 1 + random.nextInt(json.length() - 1));
    }

    private byte[] invalidUtf8(AdEvent template) {
        String field = pick(new String[] {"userId", "productId", "label"});
        byte[] json = utf8(fields(template).putString(field, "x" + BAD_BYTES_MARK + "y").render());
        byte[] mark = utf8(BAD_BYTES_MARK);
        byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
        int at = indexOf(json, mark);
        byte[] result = new byte[json.length - mark.length + bad.length];
        System.arraycopy(json, 0, result, 0, at);
        System.arraycopy(bad, 0, result, at, bad.length);
        System.arraycopy(json, at + mark.length, result, at + bad.length, json.length - at - mark.length);
        return result;
    }

    /** Deeper than the limit: nested objects or arrays in a member, or arrays alone (no object at all). */
    private String tooDeep(AdEvent template) {
        int depth = NESTING_LIMIT + 1 + random.nextInt(48);
        return switch (random.nextInt(3)) {
            case 0 -> fields(template).putRaw("payload", "{\"a\":".repeat(depth - 1) + "1" + "}".repeat(depth - 1))
                    .render();
            case 1 -> fields(template).putRaw("tags", "[".repeat(depth - 1) + "]".repeat(depth - 1)).render();
            default -> "[".repeat(depth) + "]".repeat(depth);
        };
    }

    private String malformedJson(AdEvent template) {
        String json = fields(template).render();
        return switch (random.nextInt(10)) {
            case 0 -> pick(GARBAGE);
            case 1 -> json.substring(0, json.length() - 1) + ",}";
            case 2 -> fields(template).append("eventId", JsonFields.quote(template.eventId() + "-retry")).render();
            case 3 -> json.replace('"', '\'');
            case 4 -> json.replaceAll("\"(\\w+)\":", "$1:");
            case 5 -> json.replaceFirst("\",\"", "\" \"");
            case 6 -> fields(template).putRaw("userId", "\"user\tname\"").render();
            case 7 -> "{/* retried */" + json.substring(1);
            case 8 -> fields(template).putRaw("productId", "\"sku-\\q1\"").render();
            default -> fields(template).putRaw("schemaVersion", random.nextBoolean() ? "01" : "NaN").render();
        };
    }

    private String wrongType(AdEvent template) {
        boolean campaignEvent = template.eventType().carriesCampaign();
        String[] fields = {"eventId", "eventType", "eventTime", "userId", "schemaVersion",
            campaignEvent ? "campaignId" : "clickId", campaignEvent ? "adId" : "quantity"};
        String field = pick(fields);
        String value = switch (field) {
            case "eventId" -> random.nextBoolean() ? "null" : "12345";
            case "eventType" -> random.nextBoolean() ? "null" : "1";
            case "eventTime" -> random.nextBoolean() ? "null" : Long.toString(template.eventTime().toEpochMilli());
            case "quantity" -> random.nextBoolean() ? "\"2\"" : "2.5";
            case "schemaVersion" -> random.nextBoolean() ? "null" : "\"1\"";
            case "clickId" -> random.nextBoolean() ? "null" : "true";
            default -> random.nextBoolean() ? "null" : "[\"" + field + "\"]";
        };
        return fields(template).putRaw(field, value).render();
    }

    private String tooLong(AdEvent template) {
        boolean id = random.nextDouble() < 0.75;
        String field = id ? pick(idFields(template)) : pick(new String[] {"userId", "productId", "placement"});
        int limit = id ? ID_LENGTH_LIMIT : ATTRIBUTE_LENGTH_LIMIT;
        int length = limit + 1 + random.nextInt(limit);
        return fields(template).putString(field, "x".repeat(length)).render();
    }

    /** Spellings producers get wrong: no offset, impossible dates, no seconds, a space for T, epoch seconds. */
    private String invalidTime(long epochMilli) {
        String utc = EventTimeText.format(epochMilli, 0, 1);
        String withoutOffset = utc.substring(0, utc.length() - 1);
        return switch (random.nextInt(9)) {
            case 0 -> withoutOffset;
            case 1 -> utc.substring(0, 5) + "02-30" + utc.substring(10);
            case 2 -> utc.substring(0, 16) + "Z";
            case 3 -> utc.replace('T', ' ');
            case 4 -> Long.toString(Math.floorDiv(epochMilli, 1000));
            case 5 -> utc.substring(0, 11) + "25" + utc.substring(13);
            case 6 -> withoutOffset + "+0200";
            case 7 -> "";
            default -> "yesterday";
        };
    }

    private String invalidQuantity(AdEvent template) {
        String quantity = template.eventType() == EventType.ADD_TO_BASKET
                ? pick(BAD_QUANTITIES)
                : Integer.toString(1 + random.nextInt(5));
        return fields(template).putRaw("quantity", quantity).render();
    }

    private static String[] requiredFields(AdEvent template) {
        return template.eventType().carriesCampaign()
                ? new String[] {"eventId", "eventType", "eventTime", "campaignId", "adId"}
                : new String[] {"eventId", "eventType", "eventTime", "clickId"};
    }

    private static String[] idFields(AdEvent template) {
        return template.eventType().carriesCampaign()
                ? new String[] {"eventId", "campaignId", "adId"}
                : new String[] {"eventId", "clickId"};
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalStateException("Marker not found");
    }
}
