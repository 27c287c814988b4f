package io.adinsights.schemas.rules;

import java.time.Duration;
import java.time.Instant;

/** How long the speed layer keeps a bucket: rows expire a fixed time after the end of their bucket. */
public final class Retention {

    public static final Duration SPEED_LAYER_RETENTION = Duration.ofDays(30);

    private Retention() {
    }

    /**
     * The time to live, in whole seconds, for a row of the bucket starting at {@code bucketStart} written at
     * {@code now}; zero or less when the bucket is already past retention and must not be written.
     */
    public static long ttlSeconds(Granularity granularity, Instant bucketStart, Instant now) {
        Instant expiry = bucketStart.plus(granularity.length()).plus(SPEED_LAYER_RETENTION);
        return Duration.between(now, expiry).toSeconds();
    }
}
