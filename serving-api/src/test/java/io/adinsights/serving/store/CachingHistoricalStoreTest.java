package io.adinsights.serving.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.rules.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingHistoricalStoreTest {

    @Test
    void answersAreReusedUntilTheWatermarkMoves() {
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Instant> watermark = new AtomicReference<>(Instant.parse("2026-05-01T06:00:00Z"));
        HistoricalStore lake = () -> new HistoricalStore.LakeState() {
            private final Instant pinned = watermark.get();

            @Override
            public Optional<Instant> watermark() {
                return Optional.of(pinned);
            }

            @Override
            public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
                reads.incrementAndGet();
                SortedMap<Instant, MetricCounts> rows = new TreeMap<>();
                rows.put(request.from(), new MetricCounts(pinned.getEpochSecond(), 0, 0));
                return rows;
            }
        };
        CachingHistoricalStore cache = new CachingHistoricalStore(lake, 100, Duration.ofMinutes(5));
        SeriesRequest request = new SeriesRequest("c", Optional.empty(), Granularity.HOUR,
                Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-02T00:00:00Z"));
        long first = cache.pin().read(request).get(request.from()).impressions();
        assertThat(cache.pin().read(request).get(request.from()).impressions()).isEqualTo(first);
        assertThat(reads.get()).isEqualTo(1);
        watermark.set(Instant.parse("2026-05-01T07:00:00Z"));
        assertThat(cache.pin().read(request).get(request.from()).impressions()).isNotEqualTo(first);
        assertThat(reads.get()).isEqualTo(2);
    }
}
