package io.adinsights.schemas.event;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.validation.Rejection;
import io.adinsights.schemas.validation.RejectionReason;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON of the contract: what producers send and what the platform writes when it has to re-serialize
 * an event or a dead letter. {@code EventParser.parse(EventJson.toJson(e))} gives back {@code e}.
 */
public final class EventJson {

    /** The most raw bytes a dead letter's JSON carries. */
    public static final int MAX_RAW_BYTES_IN_DEAD_LETTER = 512 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private EventJson() {
    }

    /** The event as one compact JSON object: contract fields that are set, eventTime in UTC, then extra fields. */
    public static byte[] toJson(AdEvent event) {
        requireNonNull(event, "event is null");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("eventId", event.eventId());
            json.writeStringProperty("eventType", event.eventType().wireName());
            json.writeStringProperty("eventTime", event.eventTime().toString());
            writeIfSet(json, "campaignId", event.campaignId());
            writeIfSet(json, "adId", event.adId());
            writeIfSet(json, "clickId", event.clickId());
            writeIfSet(json, "userId", event.userId());
            writeIfSet(json, "retailerId", event.retailerId());
            writeIfSet(json, "productId", event.productId());
            writeIfSet(json, "placement", event.placement());
            if (event.quantity() != null) {
                json.writeNumberProperty("quantity", event.quantity());
            }
            json.writeNumberProperty("schemaVersion", event.schemaVersion());
            if (event.extraFieldsJson() != null) {
                for (var field : MAPPER.readTree(event.extraFieldsJson()).properties()) {
                    json.writeName(field.getKey());
                    json.writeTree(field.getValue());
                }
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * A dead letter as one JSON object: {@code reason}, {@code message}, {@code origin}, {@code receivedAt}, the raw
     * bytes base64-encoded ({@code rawBase64}, since they need not be UTF-8 or JSON) and their length
     * ({@code rawBytes}). Raw bytes beyond {@value #MAX_RAW_BYTES_IN_DEAD_LETTER} are left out
     * ({@code rawTruncated}), so that the letter itself fits a stream record (1 MiB on Kinesis and Kafka).
     */
    public static byte[] toJson(DeadLetter deadLetter) {
        requireNonNull(deadLetter, "deadLetter is null");
        byte[] raw = deadLetter.raw();
        int kept = Math.min(raw.length, MAX_RAW_BYTES_IN_DEAD_LETTER);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + kept * 4 / 3);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("reason", deadLetter.rejection().reason().code());
            json.writeStringProperty("message", deadLetter.rejection().message());
            json.writeStringProperty("origin", deadLetter.origin());
            json.writeStringProperty("receivedAt", deadLetter.receivedAt().toString());
            json.writeNumberProperty("rawBytes", raw.length);
            if (kept < raw.length) {
                json.writeBooleanProperty("rawTruncated", true);
            }
            json.writeStringProperty("rawBase64",
                    Base64.getEncoder().encodeToString(kept < raw.length ? Arrays.copyOf(raw, kept) : raw));
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Reads back what {@link #toJson(DeadLetter)} wrote (the raw bytes it kept). */
    public static DeadLetter readDeadLetter(byte[] json) {
        requireNonNull(json, "json is null");
        JsonNode node = MAPPER.readTree(json);
        return new DeadLetter(
                Base64.getDecoder().decode(node.required("rawBase64").asString()),
                new Rejection(
                        RejectionReason.valueOf(node.required("reason").asString()),
                        node.required("message").asString()),
                node.required("origin").asString(),
                Instant.parse(node.required("receivedAt").asString()));
    }

    private static void writeIfSet(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }
}
