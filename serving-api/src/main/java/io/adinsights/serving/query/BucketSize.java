package io.adinsights.serving.query;

import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * The buckets of an answer's series. Minutes and hours are the UTC buckets the layers store ({@link Granularity});
 * a day is a day of the query's zone, built from the stored UTC hours.
 */
public enum BucketSize {
    MINUTE(Granularity.MINUTE),
    HOUR(Granularity.HOUR),
    DAY(Granularity.HOUR);

    private final Granularity storedAs;

    BucketSize(Granularity storedAs) {
        this.storedAs = storedAs;
    }

    /** The stored granularity the bucket is built from. */
    public Granularity storedAs() {
        return storedAs;
    }

    public String paramName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BucketSize> fromParam(String value) {
        for (BucketSize size : values()) {
            if (size.paramName().equalsIgnoreCase(value)) {
                return Optional.of(size);
            }
        }
        return Optional.empty();
    }

    /** The start of the bucket that holds the instant. */
    public Instant bucketStart(Instant instant, ZoneId zone) {
        return switch (this) {
            case MINUTE, HOUR -> storedAs.bucketStart(instant);
            case DAY -> LocalDate.ofInstant(instant, zone).atStartOfDay(zone).toInstant();
        };
    }

    /** The start of the bucket after the one starting at {@code bucketStart}. */
    public Instant next(Instant bucketStart, ZoneId zone) {
        return switch (this) {
            case MINUTE, HOUR -> bucketStart.plus(storedAs.length());
            case DAY -> ZonedDateTime.ofInstant(bucketStart, zone).toLocalDate().plusDays(1).atStartOfDay(zone)
                    .toInstant();
        };
    }

    /** Whether the instant starts a bucket of this size in the zone. */
    public boolean isBucketStart(Instant instant, ZoneId zone) {
        return bucketStart(instant, zone).equals(instant);
    }
}
