package io.adinsights.schemas.event;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.validation.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record that is not a valid event, kept whole with the reason, so that nothing is dropped silently.
 *
 * @param raw        the record's bytes exactly as received (cut at the record size limit for oversized records)
 * @param rejection  why it was rejected
 * @param origin     where it came from, e.g. {@code kafka:ad-events/2/1734} or {@code s3://raw/2026/01/01/00/f.gz#17}
 * @param receivedAt when the platform received it (stream arrival time, or the time of compaction)
 */
public record DeadLetter(byte[] raw, Rejection rejection, String origin, Instant receivedAt) {

    public DeadLetter {
        requireNonNull(raw, "raw is null");
        requireNonNull(rejection, "rejection is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    /** The raw bytes as text, with invalid UTF-8 replaced, for people and text-only sinks. */
    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
