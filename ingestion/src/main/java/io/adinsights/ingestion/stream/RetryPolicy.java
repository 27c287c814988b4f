package io.adinsights.ingestion.stream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a write is retried: exponential backoff with full jitter, so that many producers
 * throttled at once do not retry in step.
 *
 * @param maxAttempts    attempts in all, the first one included
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff     the cap of every wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final int MAX_ATTEMPTS_DEFAULT = 6;
    public static final Duration INITIAL_BACKOFF_DEFAULT = Duration.ofMillis(50);
    public static final Duration MAX_BACKOFF_DEFAULT = Duration.ofSeconds(2);

    public RetryPolicy {
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Invalid maxAttempts: " + maxAttempts + " (must be >= 1)");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Invalid backoff: " + initialBackoff + " to " + maxBackoff
                    + " (must be >= 0 and initial <= max)");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(MAX_ATTEMPTS_DEFAULT, INITIAL_BACKOFF_DEFAULT, MAX_BACKOFF_DEFAULT);
    }

    /** Sleeps before attempt {@code attempt} (2 for the first retry); false if interrupted. */
    public boolean pauseBefore(int attempt) {
        long capMillis = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 2, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(capMillis + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
