package io.adinsights.serving.query;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits that protect cost, validated at start-up.
 *
 * @param maxRange  the longest range {@code to - from} a query may ask for (lake scans grow with it)
 * @param maxPoints the most buckets a series may have
 */
@ConfigurationProperties("insights.limits")
public record QueryLimits(Duration maxRange, int maxPoints) {

    public static final Duration MAX_RANGE_DEFAULT = Duration.ofDays(400);
    public static final int MAX_POINTS_DEFAULT = 5000;

    public QueryLimits {
        maxRange = maxRange == null ? MAX_RANGE_DEFAULT : maxRange;
        maxPoints = maxPoints == 0 ? MAX_POINTS_DEFAULT : maxPoints;
        requireNonNull(maxRange, "maxRange is null");
        if (maxRange.isNegative() || maxRange.isZero()) {
            throw new IllegalArgumentException("Invalid insights.limits.max-range: " + maxRange + " (must be > 0)");
        }
        if (maxPoints < 1) {
            throw new IllegalArgumentException("Invalid insights.limits.max-points: " + maxPoints + " (must be >= 1)");
        }
    }
}
