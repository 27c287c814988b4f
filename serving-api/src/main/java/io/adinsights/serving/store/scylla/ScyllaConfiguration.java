package io.adinsights.serving.store.scylla;

import com.datastax.oss.driver.api.core.CqlSession;
import io.adinsights.serving.store.CachingRealtimeStore;
import io.adinsights.serving.store.RealtimeCacheProperties;
import io.adinsights.serving.store.RealtimeStore;
import io.adinsights.serving.store.ResilientRealtimeStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The speed layer's store: one driver session for the application's life, the cache of final buckets (unless
 * switched off), and a circuit breaker in front of both.
 */
@Configuration(proxyBeanMethods = false)
public class ScyllaConfiguration {

    /** The breaker opens when half of the last 20 reads failed, and tries again after 10 s. */
    static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .slidingWindowSize(20)
            .minimumNumberOfCalls(5)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10))
            .permittedNumberOfCallsInHalfOpenState(2)
            .build();

    @Bean(destroyMethod = "close")
    CqlSession cqlSession(ScyllaProperties properties) {
        return ScyllaSessions.open(properties);
    }

    @Bean
    ScyllaHealthIndicator scyllaHealthIndicator(ResilientRealtimeStore realtime) {
        return new ScyllaHealthIndicator(realtime);
    }

    @Bean
    ResilientRealtimeStore realtimeStore(CqlSession session, ScyllaProperties properties,
            RealtimeCacheProperties cacheProperties, Clock clock, MeterRegistry registry) {
        RealtimeStore store = new ScyllaRealtimeStore(session, properties.keyspace(), properties.progressLayer());
        if (cacheProperties.enabled()) {
            store = new CachingRealtimeStore(store, cacheProperties.allowedLateness(), cacheProperties.maxBuckets(),
                    clock, registry);
        }
        return new ResilientRealtimeStore(store, CircuitBreaker.of("scylladb", BREAKER));
    }
}
