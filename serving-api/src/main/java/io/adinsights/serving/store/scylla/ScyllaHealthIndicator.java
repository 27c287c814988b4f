package io.adinsights.serving.store.scylla;

import static java.util.Objects.requireNonNull;

import io.adinsights.serving.store.ResilientRealtimeStore;
import io.adinsights.serving.store.StoreUnavailableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * ScyllaDB is up when the speed layer's progress row can be read (through the circuit breaker, whose state is a
 * detail).
 */
public final class ScyllaHealthIndicator implements HealthIndicator {

    private final ResilientRealtimeStore realtime;

    public ScyllaHealthIndicator(ResilientRealtimeStore realtime) {
        this.realtime = requireNonNull(realtime, "realtime is null");
    }

    @Override
    public Health health() {
        try {
            return realtime.upTo()
                    .map(upTo -> Health.up().withDetail("realtimeUpTo", upTo.toString()))
                    .orElseGet(() -> Health.up().withDetail("realtimeUpTo", "unknown"))
                    .withDetail("circuitBreaker", realtime.state().name())
                    .build();
        } catch (StoreUnavailableException e) {
            return Health.down().withDetail("error", e.getMessage())
                    .withDetail("circuitBreaker", realtime.state().name()).build();
        }
    }
}
