package io.adinsights.traffic.generator;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.validation.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record as it is sent to the platform, with what it is meant to be.
 *
 * @param sequence          0-based arrival order over the whole scenario
 * @param payload           the record's bytes, exactly as sent (shared: do not modify)
 * @param partitionKey      the eventId for events, a stable name for malformed records
 * @param phase             the phase the record is sent in
 * @param event             the valid event the payload holds, or null for a malformed record
 * @param expectedRejection the reason the contract parser must reject the payload with, or null for a valid event
 * @param kind              what kind of messiness put it here
 */
public record Delivery(
        long sequence,
        byte[] payload,
        String partitionKey,
        int phase,
        AdEvent event,
        RejectionReason expectedRejection,
        DeliveryKind kind) {

    public Delivery {
        requireNonNull(payload, "payload is null");
        requireNonNull(partitionKey, "partitionKey is null");
        requireNonNull(kind, "kind is null");
        if (sequence < 0) {
            throw new IllegalArgumentException("Invalid sequence: " + sequence + " (must be >= 0)");
        }
        if (phase < 0) {
            throw new IllegalArgumentException("Invalid phase: " + phase + " (must be >= 0)");
        }
        if ((event == null) == (expectedRejection == null)) {
            throw new IllegalArgumentException("A delivery holds either a valid event or an expected rejection: "
                    + "event " + event + ", expectedRejection " + expectedRejection);
        }
        if ((kind == DeliveryKind.MALFORMED) != (expectedRejection != null)) {
            throw new IllegalArgumentException("Invalid kind: " + kind + " (MALFORMED exactly when a rejection is "
                    + "expected, here " + expectedRejection + ")");
        }
    }

    /** A delivery of a valid event, partitioned by its eventId. */
    public static Delivery valid(long sequence, int phase, DeliveryKind kind, AdEvent event, byte[] payload) {
        requireNonNull(event, "event is null");
        return new Delivery(sequence, payload, event.eventId(), phase, event, null, kind);
    }

    /** A delivery of a record the contract parser must reject with {@code reason}. */
    public static Delivery malformed(long sequence, int phase, String partitionKey, RejectionReason reason,
            byte[] payload) {
        requireNonNull(reason, "reason is null");
        return new Delivery(sequence, payload, partitionKey, phase, null, reason, DeliveryKind.MALFORMED);
    }

    public boolean isValid() {
        return event != null;
    }

    /** The payload as text, with invalid UTF-8 replaced: for messages and logs. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Equal when every component is, the payload compared by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Delivery that
                && sequence == that.sequence
                && phase == that.phase
                && Arrays.equals(payload, that.payload)
                && partitionKey.equals(that.partitionKey)
                && Objects.equals(event, that.event)
                && expectedRejection == that.expectedRejection
                && kind == that.kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, Arrays.hashCode(payload), partitionKey, phase, event, expectedRejection, kind);
    }

    @Override
    public String toString() {
        String what = isValid() ? event.eventType().wireName() + " " + event.eventId() + " at " + event.eventTime()
                : "malformed " + expectedRejection;
        return "Delivery#" + sequence + " (phase " + phase + ", " + kind + ": " + what + ")";
    }
}
