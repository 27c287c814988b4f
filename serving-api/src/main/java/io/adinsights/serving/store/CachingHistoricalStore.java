package io.adinsights.serving.store;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Caches the lake's answers keyed by the request and the pinned state's watermark: when the batch layer moves the
 * watermark, every later request has a new key, so nothing computed before the move is served after it.
 */
public final class CachingHistoricalStore implements HistoricalStore {

    private final HistoricalStore delegate;
    private final Cache<Key, SortedMap<Instant, MetricCounts>> cache;

    public CachingHistoricalStore(HistoricalStore delegate, long maximumEntries, Duration expireAfterWrite) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        requireNonNull(expireAfterWrite, "expireAfterWrite is null");
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumEntries)
                .expireAfterWrite(expireAfterWrite)
                .recordStats()
                .build();
    }

    @Override
    public LakeState pin() {
        LakeState state = delegate.pin();
        return new LakeState() {
            @Override
            public Optional<Instant> watermark() {
                return state.watermark();
            }

            @Override
            public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
                // Without a watermark there is no batch state to key on: read through.
                if (state.watermark().isEmpty()) {
                    return state.read(request);
                }
                return cache.get(new Key(state.watermark().get(), request),
                        key -> Collections.unmodifiableSortedMap(state.read(request)));
            }
        };
    }

    /** Hits and misses so far, for tests and metrics. */
    public com.github.benmanes.caffeine.cache.stats.CacheStats stats() {
        return cache.stats();
    }

    private record Key(Instant watermark, SeriesRequest request) {
    }
}
