package io.adinsights.schemas.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The sizes of the UTC buckets that metrics are kept in. Buckets are by eventTime, never by arrival. */
public enum Granularity {
    MINUTE(ChronoUnit.MINUTES),
    HOUR(ChronoUnit.HOURS);

    private final ChronoUnit unit;

    Granularity(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The start of the UTC bucket that holds the instant: the instant rounded down to the bucket size. */
    public Instant bucketStart(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** The first instant after the bucket that holds the instant. */
    public Instant bucketEnd(Instant instant) {
        return bucketStart(instant).plus(length());
    }

    public Duration length() {
        return unit.getDuration();
    }

    /** Whether the instant is the start of a bucket of this size. */
    public boolean isBucketStart(Instant instant) {
        return bucketStart(instant).equals(instant);
    }
}
