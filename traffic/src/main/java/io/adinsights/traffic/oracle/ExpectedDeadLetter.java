package io.adinsights.traffic.oracle;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.validation.RejectionReason;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record the platform must turn into a dead letter.
 *
 * @param sequence     the delivery's arrival order
 * @param partitionKey the key it was sent with
 * @param reason       the reason it must carry
 * @param payload      the bytes as sent (shared: do not modify)
 */
public record ExpectedDeadLetter(long sequence, String partitionKey, RejectionReason reason, byte[] payload) {

    public ExpectedDeadLetter {
        requireNonNull(partitionKey, "partitionKey is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(payload, "payload is null");
    }

    /** Equal when every component is, the payload compared by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ExpectedDeadLetter that
                && sequence == that.sequence
                && partitionKey.equals(that.partitionKey)
                && reason == that.reason
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, partitionKey, reason, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "ExpectedDeadLetter#" + sequence + " (" + reason + ", " + payload.length + " bytes, key "
                + partitionKey + ")";
    }
}
