package io.adinsights.serving.store;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Puts a circuit breaker in front of the speed layer: while ScyllaDB is failing, reads fail fast as
 * {@link StoreUnavailableException} instead of each waiting for the driver's timeout.
 */
public final class ResilientRealtimeStore implements RealtimeStore {

    private final RealtimeStore delegate;
    private final CircuitBreaker breaker;

    public ResilientRealtimeStore(RealtimeStore delegate, CircuitBreaker breaker) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.breaker = requireNonNull(breaker, "breaker is null");
    }

    @Override
    public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
        return guarded(() -> delegate.read(request));
    }

    @Override
    public Optional<Instant> upTo() {
        return guarded(delegate::upTo);
    }

    @Override
    public Optional<Instant> upToNow() {
        return guarded(delegate::upToNow);
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            throw new StoreUnavailableException("ScyllaDB circuit breaker is open", e);
        }
    }
}
