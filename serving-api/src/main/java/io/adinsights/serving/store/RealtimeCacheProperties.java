package io.adinsights.serving.store;

import io.adinsights.schemas.rules.AllowedLateness;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cache of the speed layer's final buckets ({@link CachingRealtimeStore}), validated at start-up.
 *
 * @param enabled         on by default; {@code false} reads every bucket from the store
 * @param allowedLateness the speed layer's allowed lateness L (its {@code allowed-lateness}); a bucket is final once
 *                        its end + L is not after the speed layer's watermark. Never set it below the speed layer's:
 *                        a larger value only caches less
 * @param maxBuckets      how many buckets the cache keeps at most (about 50 bytes each)
 */
@ConfigurationProperties("insights.realtime-cache")
public record RealtimeCacheProperties(Boolean enabled, Duration allowedLateness, long maxBuckets) {

    public static final Duration ALLOWED_LATENESS_DEFAULT = AllowedLateness.DEFAULT;
    public static final long MAX_BUCKETS_DEFAULT = 1_000_000;

    public RealtimeCacheProperties {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        allowedLateness = allowedLateness == null ? ALLOWED_LATENESS_DEFAULT : allowedLateness;
        maxBuckets = maxBuckets == 0 ? MAX_BUCKETS_DEFAULT : maxBuckets;
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("Invalid insights.realtime-cache.allowed-lateness: " + allowedLateness
                    + " (must be >= 0)");
        }
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("Invalid insights.realtime-cache.max-buckets: " + maxBuckets
                    + " (must be >= 1)");
        }
    }
}
