package io.adinsights.schemas.validation;

import static java.util.Objects.requireNonNull;

/**
 * Why one record was rejected: a stable code and a message a person understands, naming the field and value.
 *
 * @param reason  the machine-readable reason
 * @param message what exactly is wrong, e.g. {@code "campaignId" is required for a click}
 */
public record Rejection(RejectionReason reason, String message) {

    public Rejection {
        requireNonNull(reason, "reason is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return reason.code() + ": " + message;
    }
}
