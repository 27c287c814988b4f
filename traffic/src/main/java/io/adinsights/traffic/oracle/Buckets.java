package io.adinsights.traffic.oracle;

import io.adinsights.schemas.rules.Granularity;

/**
 * UTC buckets by plain epoch arithmetic, on purpose not the schemas rules: the oracle must not share the code it
 * checks. Only the names of {@link Granularity} are used.
 */
final class Buckets {

    private static final long MINUTE_MILLIS = 60_000;
    private static final long HOUR_MILLIS = 3_600_000;

    private Buckets() {
    }

    static long sizeMillis(Granularity granularity) {
        return switch (granularity) {
            case MINUTE -> MINUTE_MILLIS;
            case HOUR -> HOUR_MILLIS;
        };
    }

    /** The start of the UTC bucket holding the instant: rounded down, also before 1970. */
    static long startMillis(Granularity granularity, long epochMilli) {
        return Math.floorDiv(epochMilli, sizeMillis(granularity)) * sizeMillis(granularity);
    }
}
