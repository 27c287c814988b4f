package io.adinsights.serving.store.scylla;

import com.datastax.oss.driver.api.core.CqlSession;
import io.adinsights.serving.store.ResilientRealtimeStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The speed layer's store: one driver session for the application's life, behind a circuit breaker. */
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
    ResilientRealtimeStore realtimeStore(CqlSession session, ScyllaProperties properties) {
        ScyllaRealtimeStore scylla = new ScyllaRealtimeStore(session, properties.keyspace(),
                properties.progressLayer());
        return new ResilientRealtimeStore(scylla, CircuitBreaker.of("scylladb", BREAKER));
    }
}
