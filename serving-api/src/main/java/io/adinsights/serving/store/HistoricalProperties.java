package io.adinsights.serving.store;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which historical store answers before the boundary, validated at start-up.
 *
 * @param store           {@code iceberg} (read the lake's tables directly; the local default) or {@code athena}
 * @param lakehouse       settings of the lakehouse catalog keyed like its environment variables
 *                        ({@code LAKEHOUSE_CATALOG}, {@code LAKEHOUSE_LOCAL_DIR}, ...); they override the environment
 * @param cacheEntries    how many lake answers the cache keeps
 * @param cacheTtl        how long a lake answer is kept (entries are keyed by watermark, so this only bounds memory)
 * @param refreshInterval how long one pinned lake state (watermark + snapshot) serves new requests before the
 *                        catalog is read again; {@code PT0S} reads it for every request
 */
@ConfigurationProperties("insights.historical")
public record HistoricalProperties(String store, Map<String, String> lakehouse, long cacheEntries,
        Duration cacheTtl, Duration refreshInterval) {

    public static final String STORE_DEFAULT = "iceberg";
    public static final long CACHE_ENTRIES_DEFAULT = 10_000;
    public static final Duration CACHE_TTL_DEFAULT = Duration.ofHours(1);
    public static final Duration REFRESH_INTERVAL_DEFAULT = Duration.ofSeconds(1);

    public HistoricalProperties {
        store = store == null ? STORE_DEFAULT : store;
        lakehouse = lakehouse == null ? Map.of() : Map.copyOf(lakehouse);
        cacheEntries = cacheEntries == 0 ? CACHE_ENTRIES_DEFAULT : cacheEntries;
        cacheTtl = cacheTtl == null ? CACHE_TTL_DEFAULT : cacheTtl;
        refreshInterval = refreshInterval == null ? REFRESH_INTERVAL_DEFAULT : refreshInterval;
        if (refreshInterval.isNegative() || refreshInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("Invalid insights.historical.refresh-interval: " + refreshInterval
                    + " (between PT0S and PT1M)");
        }
        if (!store.equals("iceberg") && !store.equals("athena")) {
            throw new IllegalArgumentException("Invalid insights.historical.store: " + store
                    + " (must be iceberg or athena)");
        }
        if (cacheEntries < 1 || cacheTtl.isNegative() || cacheTtl.isZero()) {
            throw new IllegalArgumentException("Invalid insights.historical cache: " + cacheEntries + " entries, ttl "
                    + cacheTtl + " (both must be > 0)");
        }
    }
}
