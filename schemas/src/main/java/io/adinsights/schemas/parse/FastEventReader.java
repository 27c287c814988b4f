package io.adinsights.schemas.parse;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.validation.EventTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fast accept path of {@link EventParser}: one streaming pass over the record, no tree of the contract fields
 * and no JSON Schema run. It only accepts what it can prove {@value EventParser#SCHEMA_RESOURCE} and the time rules
 * accept, and then builds the very event the schema path would. It never rejects: on anything else (a null, a
 * float, an odd time, a missing field, malformed JSON, ...) it returns empty and the schema path decides, so every
 * rejection and its message still come from there. Thread-safe.
 *
 * <p>Two tiers: {@link FlatEventScanner} reads the flat records that nearly all are without a JSON parser; what it
 * does not take, this class reads with Jackson's streaming parser.
 */
final class FastEventReader {

    private static final int ID_MAX_LENGTH = 128;
    private static final int ATTRIBUTE_MAX_LENGTH = 256;
    private static final int TIME_MAX_LENGTH = 64;

    // Slots of the contract's string fields, in AdEvent order.
    private static final int EVENT_ID = 0;
    private static final int EVENT_TYPE = 1;
    private static final int EVENT_TIME = 2;
    private static final int CAMPAIGN_ID = 3;
    private static final int AD_ID = 4;
    private static final int CLICK_ID = 5;
    private static final int USER_ID = 6;
    private static final int RETAILER_ID = 7;
    private static final int PRODUCT_ID = 8;
    private static final int PLACEMENT = 9;
    private static final int STRING_FIELDS = FlatEventScanner.STRING_FIELDS;
    private static final int QUANTITY = -2;
    private static final int SCHEMA_VERSION = -3;
    private static final int EXTRA = -1;
    /** Bit of a slot in the set of contract fields seen: slot + 3, so that the negative slots get bits too. */
    private static final int SLOT_BIT_OFFSET = 3;

    private final JsonMapper mapper;
    private final Duration maxFutureSkew;

    /**
     * @param mapper the schema path's mapper without its duplicate-name detection (this class checks names itself),
     *               so parsing limits and the extra fields' JSON are the same
     */
    FastEventReader(JsonMapper mapper, Duration maxFutureSkew) {
        this.mapper = mapper;
        this.maxFutureSkew = maxFutureSkew;
    }

    /** The event if the record is surely valid, else empty (the schema path must decide). */
    Optional<AdEvent> read(byte[] bytes, Instant ingestTime) {
        FlatEventScanner flat = scanFlat(bytes);
        if (flat != null) {
            // The fields as Jackson would have read them: the same checks decide from here.
            int schemaVersion = flat.schemaVersion == 0 ? AdEvent.CURRENT_SCHEMA_VERSION : flat.schemaVersion;
            if (schemaVersion > AdEvent.CURRENT_SCHEMA_VERSION) {
                return Optional.empty();
            }
            Integer quantity = flat.quantity == 0 ? null : flat.quantity;
            String extraJson = flat.extraFieldsJson;
            return Optional.ofNullable(toEvent(flat.strings, quantity, schemaVersion, () -> extraJson, ingestTime));
        }
        try (JsonParser parser = mapper.createParser(bytes)) {
            return Optional.ofNullable(read(parser, ingestTime));
        } catch (RuntimeException e) {
            // Malformed, too deep, a duplicate key or anything unforeseen: falling back is always safe.
            return Optional.empty();
        }
    }

    /** The flat tier's fields, or null; like the Jackson tier, it may never make a record fail: null on anything. */
    private static FlatEventScanner scanFlat(byte[] bytes) {
        try {
            return FlatEventScanner.scan(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads the top-level object; null as soon as something is not surely valid. */
    private AdEvent read(JsonParser parser, Instant ingestTime) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String[] strings = new String[STRING_FIELDS];
        Integer quantity = null;
        int schemaVersion = AdEvent.CURRENT_SCHEMA_VERSION;
        ObjectNode extra = null;
        int seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            int slot = slotOf(name);
            // A repeated name is the schema path's to reject: contract fields by bit, others by the extra object.
            int bit = slot == EXTRA ? 0 : 1 << (slot + SLOT_BIT_OFFSET);
            if ((seen & bit) != 0 || (slot == EXTRA && extra != null && extra.has(name))) {
                return null;
            }
            seen |= bit;
            if (slot >= 0) {
                if (token != JsonToken.VALUE_STRING) {
                    return null;
                }
                strings[slot] = parser.getString();
            } else if (slot == QUANTITY) {
                quantity = intIn(parser, token, 1, Integer.MAX_VALUE);
                if (quantity == null) {
                    return null;
                }
            } else if (slot == SCHEMA_VERSION) {
                Integer version = intIn(parser, token, 1, AdEvent.CURRENT_SCHEMA_VERSION);
                if (version == null) {
                    return null;
                }
                schemaVersion = version;
            } else {
                // Read as the tree path reads it, kept in record order: extraFieldsJson comes out identical.
                if (extra == null) {
                    extra = mapper.createObjectNode();
                }
                JsonNode value = readValue(parser, token);
                if (value == null) {
                    return null;
                }
                extra.set(name, value);
            }
        }
        if (parser.nextToken() != null) {
            return null;
        }
        ObjectNode extraFields = extra;
        return toEvent(strings, quantity, schemaVersion,
                () -> extraFields == null ? null : mapper.writeValueAsString(extraFields), ingestTime);
    }

    /**
     * A value as the tree path reads it, or null when an object in it repeats a name (the parser of this path does
     * not look for duplicates, which costs a set of names per object: only objects kept whole need the check).
     */
    private JsonNode readValue(JsonParser parser, JsonToken token) {
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = mapper.createObjectNode();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonNode value = readValue(parser, parser.nextToken());
                if (value == null || object.has(name)) {
                    return null;
                }
                object.set(name, value);
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = mapper.createArrayNode();
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                JsonNode value = readValue(parser, next);
                if (value == null) {
                    return null;
                }
                array.add(value);
            }
            return array;
        }
        return parser.readValueAsTree();
    }

    /** Checks what the schema and the parser check on the whole object, then builds the event. */
    private AdEvent toEvent(String[] strings, Integer quantity, int schemaVersion, Supplier<String> extraJson,
            Instant ingestTime) {
        EventType type = strings[EVENT_TYPE] == null ? null
                : EventType.fromWireName(strings[EVENT_TYPE]).orElse(null);
        if (type == null || strings[EVENT_ID] == null || strings[EVENT_TIME] == null || !lengthsFit(strings)) {
            return null;
        }
        boolean fieldsFitType = type.carriesCampaign()
                // The schema allows a clickId here but AdEvent does not: such records are the schema path's.
                ? strings[CAMPAIGN_ID] != null && strings[AD_ID] != null && strings[CLICK_ID] == null
                        && quantity == null
                : strings[CLICK_ID] != null;
        Instant eventTime = hasStrictTimeShape(strings[EVENT_TIME])
                ? EventTimes.parse(strings[EVENT_TIME]).orElse(null) : null;
        if (!fieldsFitType || eventTime == null || eventTime.isAfter(ingestTime.plus(maxFutureSkew))) {
            return null;
        }
        return new AdEvent(strings[EVENT_ID], type, eventTime, strings[CAMPAIGN_ID], strings[AD_ID],
                strings[CLICK_ID], strings[USER_ID], strings[RETAILER_ID], strings[PRODUCT_ID], strings[PLACEMENT],
                quantity, schemaVersion, extraJson.get());
    }

    private static int slotOf(String name) {
        return switch (name) {
            case "eventId" -> EVENT_ID;
            case "eventType" -> EVENT_TYPE;
            case "eventTime" -> EVENT_TIME;
            case "campaignId" -> CAMPAIGN_ID;
            case "adId" -> AD_ID;
            case "clickId" -> CLICK_ID;
            case "userId" -> USER_ID;
            case "retailerId" -> RETAILER_ID;
            case "productId" -> PRODUCT_ID;
            case "placement" -> PLACEMENT;
            case "quantity" -> QUANTITY;
            case "schemaVersion" -> SCHEMA_VERSION;
            default -> EXTRA;
        };
    }

    /** A plain JSON integer within [min, max], else null (1.0, "1", big numbers and nulls go to the schema path). */
    private static Integer intIn(JsonParser parser, JsonToken token, int min, int max) {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            return null;
        }
        int value = parser.getIntValue();
        return value >= min && value <= max ? value : null;
    }

    /** minLength/maxLength as JSON Schema counts them: in code points, not UTF-16 units. */
    private static boolean lengthsFit(String[] strings) {
        for (int slot = 0; slot < STRING_FIELDS; slot++) {
            String value = strings[slot];
            if (value == null || slot == EVENT_TYPE) {
                continue;
            }
            boolean id = slot == EVENT_ID || slot == CAMPAIGN_ID || slot == AD_ID || slot == CLICK_ID;
            int max = id ? ID_MAX_LENGTH : slot == EVENT_TIME ? TIME_MAX_LENGTH : ATTRIBUTE_MAX_LENGTH;
            if ((id && value.isEmpty()) || (value.length() > max && value.codePointCount(0, value.length()) > max)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A deliberately narrow RFC 3339 shape: {@code yyyy-MM-ddTHH:mm:ss[.f...]} then {@code Z} or {@code ±hh:mm},
     * upper-case T and Z, seconds below 60. {@link EventTimes#parse} still has to accept it (real dates, offsets).
     */
    private static boolean hasStrictTimeShape(String text) {
        int length = text.length();
        if (length < "yyyy-MM-ddTHH:mm:ssZ".length() || length > TIME_MAX_LENGTH
                || !matches(text, 0, "dddd-dd-ddTdd:dd:dd") || text.charAt(17) > '5') {
            return false;
        }
        int position = 19;
        if (text.charAt(position) == '.') {
            int fractionStart = ++position;
            while (position < length && isDigit(text.charAt(position))) {
                position++;
            }
            if (position == fractionStart) {
                return false;
            }
        }
        int rest = length - position;
        return rest == 1 ? text.charAt(position) == 'Z'
                : rest == 6 && (text.charAt(position) == '+' || text.charAt(position) == '-')
                        && matches(text, position + 1, "dd:dd");
    }

    /** Whether text has the pattern at start; 'd' in the pattern stands for a digit. */
    private static boolean matches(String text, int start, String pattern) {
        if (text.length() < start + pattern.length()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char expected = pattern.charAt(i);
            char c = text.charAt(start + i);
            if (expected == 'd' ? !isDigit(c) : c != expected) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
