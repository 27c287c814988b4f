package io.adinsights.serving.boundary;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A non-empty half-open range of instants, {@code [from, to)}. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("Invalid range: [" + from + ", " + to + ") is empty");
        }
    }

    /** {@code [from, to)}, or empty when it holds no instant. */
    public static Optional<TimeRange> of(Instant from, Instant to) {
        return from.isBefore(to) ? Optional.of(new TimeRange(from, to)) : Optional.empty();
    }

    public boolean overlaps(Instant start, Instant end) {
        return from.isBefore(end) && start.isBefore(to);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
