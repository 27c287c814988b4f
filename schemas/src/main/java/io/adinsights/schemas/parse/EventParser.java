package io.adinsights.schemas.parse;

import static java.util.Objects.requireNonNull;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.validation.EventTimes;
import io.adinsights.schemas.validation.Rejection;
import io.adinsights.schemas.validation.RejectionReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one raw record into a valid {@link AdEvent} or a {@link Rejection} with a stable reason and a message a
 * person understands. It never throws on input: bad bytes, bad UTF-8, huge fields, deep nesting, nulls and wrong
 * types all become rejections. The JSON Schema {@value #SCHEMA_RESOURCE} checks the structure; this class adds
 * what a schema cannot say (the time rules and the supported versions). Thread-safe.
 *
 * <p>Most records are valid, so a {@link FastEventReader} tries each one first in a single streaming pass; only
 * what it cannot prove valid goes through the tree and the schema, which stay the authority for every outcome.
 */
public final class EventParser {

    public static final String SCHEMA_RESOURCE = "/io/adinsights/schemas/ad-event-v1.schema.json";
    public static final Duration MAX_FUTURE_SKEW_DEFAULT = Duration.ofMinutes(5);
    public static final int MAX_NESTING_DEPTH = 32;

    private static final Set<String> CONTRACT_FIELDS = Set.of("eventId", "eventType", "eventTime", "campaignId",
            "adId", "clickId", "userId", "retailerId", "productId", "placement", "quantity", "schemaVersion");

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final JsonMapper mapper;
    private final Schema schema;
    private final FastEventReader fastReader;
    private final Duration maxFutureSkew;
    private final int maxRecordBytes;

    private EventParser(Duration maxFutureSkew, int maxRecordBytes) {
        this.maxFutureSkew = maxFutureSkew;
        this.maxRecordBytes = maxRecordBytes;
        this.mapper = mapper(maxRecordBytes, true);
        this.schema = loadSchema();
        // The fast path finds repeated names itself, cheaper than the parser's set of names per object.
        this.fastReader = new FastEventReader(mapper(maxRecordBytes, false), maxFutureSkew);
    }

    private static JsonMapper mapper(int maxRecordBytes, boolean detectDuplicates) {
        JsonFactory factory = JsonFactory.builder()
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, detectDuplicates)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(maxRecordBytes)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** A parser with the contract's limits: 5 minutes of future skew and 1 MiB records. */
    public static EventParser create() {
        return create(MAX_FUTURE_SKEW_DEFAULT, RecordReader.MAX_RECORD_BYTES_DEFAULT);
    }

    public static EventParser create(Duration maxFutureSkew, int maxRecordBytes) {
        requireNonNull(maxFutureSkew, "maxFutureSkew is null");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("Invalid maxFutureSkew: " + maxFutureSkew + " (must be >= 0)");
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("Invalid maxRecordBytes: " + maxRecordBytes + " (must be >= 1)");
        }
        return new EventParser(maxFutureSkew, maxRecordBytes);
    }

    /** Parses one whole record, e.g. the payload of one stream record. */
    public ParseResult parse(byte[] record, Instant ingestTime) {
        requireNonNull(record, "record is null");
        return parse(RawRecord.of(record), ingestTime);
    }

    /**
     * Parses one record cut by a {@link RecordReader}.
     *
     * @param ingestTime when the platform received the record; events more than the allowed skew after it are
     *                   rejected. Pass the stream's arrival time, not the wall clock, so a replay decides the same.
     */
    public ParseResult parse(RawRecord record, Instant ingestTime) {
        return parse(record, ingestTime, true);
    }

    /** The same as {@link #parse(RawRecord, Instant)} without the fast path: the reference it must agree with. */
    ParseResult parseWithSchemaOnly(RawRecord record, Instant ingestTime) {
        return parse(record, ingestTime, false);
    }

    /**
     * The fast path alone, without the size, blank and UTF-8 checks before it: the event, or empty where
     * {@link #parse} falls back to the schema path.
     */
    Optional<AdEvent> fastParse(byte[] record, Instant ingestTime) {
        return fastReader.read(record, ingestTime);
    }

    private ParseResult parse(RawRecord record, Instant ingestTime, boolean fastPath) {
        requireNonNull(record, "record is null");
        requireNonNull(ingestTime, "ingestTime is null");
        byte[] bytes = record.bytes();
        if (record.oversized() || bytes.length > maxRecordBytes) {
            return invalid(RejectionReason.RECORD_TOO_LARGE,
                    "record is larger than the limit of " + maxRecordBytes + " bytes");
        }
        if (isBlank(bytes)) {
            return invalid(RejectionReason.EMPTY_RECORD, "record is empty");
        }
        if (record.truncated()) {
            return invalid(RejectionReason.TRUNCATED_RECORD,
                    "record ends after " + bytes.length + " bytes, before its JSON object is complete");
        }
        String utf8Problem = utf8Problem(bytes);
        if (utf8Problem != null) {
            return invalid(RejectionReason.INVALID_UTF8, utf8Problem);
        }
        // Only after the UTF-8 check: Jackson alone lets some bad UTF-8 through (overlong forms, surrogates).
        if (fastPath) {
            Optional<AdEvent> event = fastReader.read(bytes, ingestTime);
            if (event.isPresent()) {
                return new ParseResult.Valid(event.get());
            }
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (StreamConstraintsException e) {
            return invalid(RejectionReason.NESTING_TOO_DEEP,
                    "record nests objects or arrays deeper than " + MAX_NESTING_DEPTH + " levels");
        } catch (JacksonException e) {
            return JsonBrackets.isUnclosed(bytes)
                    ? invalid(RejectionReason.TRUNCATED_RECORD, "record ends after " + bytes.length
                            + " bytes, before its JSON object is complete")
                    : invalid(RejectionReason.MALFORMED_JSON, "record is not well-formed JSON: "
                            + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            String kind = root == null ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT);
            return invalid(RejectionReason.NOT_AN_OBJECT, "record must be a JSON object, but is " + kind);
        }
        return validate((ObjectNode) root, ingestTime);
    }

    private ParseResult validate(ObjectNode root, Instant ingestTime) {
        JsonNode version = root.get("schemaVersion");
        if (version != null && version.isIntegralNumber()
                && (!version.canConvertToInt() || version.asInt() > AdEvent.CURRENT_SCHEMA_VERSION)) {
            return invalid(RejectionReason.UNSUPPORTED_SCHEMA_VERSION, "schemaVersion " + version
                    + " is not supported (this platform reads version " + AdEvent.CURRENT_SCHEMA_VERSION + ")");
        }
        List<Error> errors = schema.validate(root);
        if (!errors.isEmpty()) {
            return schemaRejection(root, errors);
        }
        String timeText = root.get("eventTime").asString();
        Instant eventTime = EventTimes.parse(timeText).orElse(null);
        if (eventTime == null) {
            return invalid(RejectionReason.INVALID_EVENT_TIME, "eventTime \"" + timeText
                    + "\" is not an RFC 3339 timestamp with seconds and an offset, e.g. 2026-03-29T01:59:30.250Z");
        }
        Instant latestAllowed = ingestTime.plus(maxFutureSkew);
        if (eventTime.isAfter(latestAllowed)) {
            return invalid(RejectionReason.EVENT_TIME_IN_FUTURE, "eventTime " + timeText + " is more than "
                    + maxFutureSkew.toMinutes() + " minutes after the time it was received (" + ingestTime + ")");
        }
        return new ParseResult.Valid(toEvent(root, eventTime));
    }

    private AdEvent toEvent(ObjectNode root, Instant eventTime) {
        EventType type = EventType.fromWireName(root.get("eventType").asString()).orElseThrow();
        JsonNode quantity = root.get("quantity");
        JsonNode version = root.get("schemaVersion");
        return new AdEvent(
                text(root, "eventId"),
                type,
                eventTime,
                text(root, "campaignId"),
                text(root, "adId"),
                type == EventType.ADD_TO_BASKET ? text(root, "clickId") : null,
                text(root, "userId"),
                text(root, "retailerId"),
                text(root, "productId"),
                text(root, "placement"),
                quantity == null ? null : quantity.asInt(),
                version == null ? AdEvent.CURRENT_SCHEMA_VERSION : version.asInt(),
                extraFields(root, type));
    }

    /**
     * The fields the contract does not define, as JSON. A clickId means something on a basket only: on an
     * impression or a click it is kept here, like any unknown field, instead of being taken for a basket's.
     */
    private String extraFields(ObjectNode root, EventType type) {
        ObjectNode extra = null;
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (!CONTRACT_FIELDS.contains(name) || (name.equals("clickId") && type != EventType.ADD_TO_BASKET)) {
                if (extra == null) {
                    extra = mapper.createObjectNode();
                }
                extra.set(field.getKey(), field.getValue());
            }
        }
        return extra == null ? null : mapper.writeValueAsString(extra);
    }

    private static String text(ObjectNode root, String field) {
        JsonNode node = root.get(field);
        return node == null ? null : node.asString();
    }

    private ParseResult schemaRejection(ObjectNode root, List<Error> errors) {
        List<Rejection> rejections = errors.stream()
                .map(error -> SchemaErrors.toRejection(error, root))
                .sorted(Comparator.comparing(Rejection::reason).thenComparing(Rejection::message))
                .distinct()
                .toList();
        RejectionReason reason = rejections.get(0).reason();
        String message = rejections.stream().map(Rejection::message).collect(Collectors.joining("; "));
        return invalid(reason, message);
    }

    private static ParseResult invalid(RejectionReason reason, String message) {
        return new ParseResult.Invalid(new Rejection(reason, message));
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String utf8Problem(byte[] bytes) {
        if (isAscii(bytes)) {
            return null; // ASCII is valid UTF-8: most records need neither the decoder nor its buffer
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(bytes.length), true);
        return result.isError()
                ? "record is not valid UTF-8: bad byte sequence at byte " + in.position()
                : null;
    }

    /** Eight bytes at a time: a byte is ASCII when its high bit is clear. */
    private static boolean isAscii(byte[] bytes) {
        int i = 0;
        for (int end = bytes.length - Long.BYTES; i <= end; i += Long.BYTES) {
            if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static Schema loadSchema() {
        try (InputStream in = EventParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The event schema " + SCHEMA_RESOURCE + " is not on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event schema " + SCHEMA_RESOURCE, e);
        }
    }
}
