package io.adinsights.speed.deadletter;

import io.adinsights.schemas.event.DeadLetter;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.schemas.validation.Rejection;
import io.adinsights.schemas.validation.RejectionReason;
import io.adinsights.speed.parse.IngestedRecord;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter JSON of the platform ({@link EventJson#toJson(DeadLetter)}) for a record the job rejected:
 * reason, message, origin, receivedAt (the stream's arrival time), the raw bytes in base64 and their length
 * ({@code rawBytes}); raw bytes beyond {@link #MAX_RAW_BYTES} are cut ({@code rawTruncated}) so the letter fits a
 * stream record of its own.
 */
public final class DeadLetterJson {

    public static final int MAX_RAW_BYTES = EventJson.MAX_RAW_BYTES_IN_DEAD_LETTER;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private DeadLetterJson() {
    }

    public static byte[] toJson(IngestedRecord record) {
        Rejection rejection = new Rejection(RejectionReason.valueOf(record.rejectionReason), record.rejectionMessage);
        return EventJson.toJson(new DeadLetter(record.raw, rejection, record.origin,
                Instant.ofEpochMilli(record.arrivalTime)));
    }

    /** The fields of a dead letter read back, for consumers and tests. */
    public static Map<String, Object> parse(byte[] json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> letter = MAPPER.readValue(json, Map.class);
        return letter;
    }

    public static byte[] raw(Map<String, Object> letter) {
        return Base64.getDecoder().decode((String) letter.get("rawBase64"));
    }
}
