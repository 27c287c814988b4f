package io.adinsights.serving.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.serving.boundary.BoundaryProperties;
import io.adinsights.serving.boundary.BoundaryRule;
import io.adinsights.serving.boundary.Gap;
import io.adinsights.serving.query.BucketSize;
import io.adinsights.serving.query.Metric;
import io.adinsights.serving.query.MetricQuery;
import io.adinsights.serving.store.HistoricalStore;
import io.adinsights.serving.store.MetricCounts;
import io.adinsights.serving.store.RealtimeStore;
import io.adinsights.serving.store.ResilientRealtimeStore;
import io.adinsights.serving.store.SeriesRequest;
import io.adinsights.serving.store.StoreUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The merge when ScyllaDB is down: the lake's part is answered, the rest is a gap, and 503 only with nothing. */
class MetricsServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:17:00Z");
    private static final Instant WATERMARK = Instant.parse("2026-05-01T06:00:00Z");
    private final BoundaryRule rule = new BoundaryRule(new BoundaryProperties(Duration.ofDays(30),
            Duration.ofHours(1)));

    @Test
    void realtimeDownAnswersTheHistoricalPartAndReportsTheRest() {
        MetricsService service = new MetricsService(lake(), failing(new AtomicInteger()), rule,
                Clock.fixed(NOW, ZoneOffset.UTC));
        Answer answer = service.answer(query("2026-05-01T04:00:00Z", "2026-05-01T08:00:00Z"), NOW);
        assertThat(answer.total().clicks()).isEqualTo(2);
        assertThat(answer.gaps()).containsExactly(new Gap(new io.adinsights.serving.boundary.TimeRange(WATERMARK,
                Instant.parse("2026-05-01T08:00:00Z")), Gap.Reason.REALTIME_UNAVAILABLE));
        assertThat(answer.series()).extracting(Answer.Bucket::complete).containsExactly(true, true, false, false);
        assertThat(answer.realtimeUpTo()).isEmpty();
    }

    @Test
    void realtimeDownWithNothingHistoricalIs503() {
        MetricsService service = new MetricsService(lake(), failing(new AtomicInteger()), rule,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> service.answer(query("2026-05-01T07:00:00Z", "2026-05-01T09:00:00Z"), NOW))
                .isInstanceOf(NothingToAnswerException.class);
    }

    @Test
    void theCircuitBreakerStopsCallingAFailingStore() {
        AtomicInteger calls = new AtomicInteger();
        CircuitBreaker breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1)).build());
        ResilientRealtimeStore store = new ResilientRealtimeStore(failing(calls), breaker);
        MetricsService service = new MetricsService(lake(), store, rule, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 10; i++) {
            Answer answer = service.answer(query("2026-05-01T04:00:00Z", "2026-05-01T08:00:00Z"), NOW);
            assertThat(answer.total().clicks()).isEqualTo(2);
            assertThat(answer.complete()).isFalse();
        }
        assertThat(store.state()).isEqualTo(CircuitBreaker.State.OPEN);
        // Two calls per answer (read and upTo) until the breaker opened after 4 failures.
        assertThat(calls.get()).isEqualTo(4);
    }

    private static MetricQuery query(String from, String to) {
        return new MetricQuery("c", Optional.empty(), Metric.CLICKS, Instant.parse(from), Instant.parse(to),
                BucketSize.HOUR, ZoneOffset.UTC);
    }

    /** A lake with one click in every hour, watermark at 06:00. */
    private static HistoricalStore lake() {
        return () -> new HistoricalStore.LakeState() {
            @Override
            public Optional<Instant> watermark() {
                return Optional.of(WATERMARK);
            }

            @Override
            public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
                SortedMap<Instant, MetricCounts> rows = new TreeMap<>();
                for (Instant h = request.from(); h.isBefore(request.to()); h = h.plusSeconds(3600)) {
                    rows.put(h, new MetricCounts(0, 1, 0));
                }
                return rows;
            }
        };
    }

    private static RealtimeStore failing(AtomicInteger calls) {
        return new RealtimeStore() {
            @Override
            public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
                calls.incrementAndGet();
                throw new StoreUnavailableException("connection refused", null);
            }

            @Override
            public Optional<Instant> upTo() {
                calls.incrementAndGet();
                throw new StoreUnavailableException("connection refused", null);
            }
        };
    }
}
