package io.adinsights.serving;

import io.adinsights.serving.answer.MetricsService;
import io.adinsights.serving.boundary.BoundaryProperties;
import io.adinsights.serving.boundary.BoundaryRule;
import io.adinsights.serving.query.QueryLimits;
import io.adinsights.serving.query.QueryParser;
import io.adinsights.serving.store.HistoricalStore;
import io.adinsights.serving.store.LakeHealthIndicator;
import io.adinsights.serving.store.RealtimeStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query pipeline: parse, plan at the boundary, read both layers, merge. Stores come from their own modules. */
@Configuration(proxyBeanMethods = false)
public class ServingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LakeHealthIndicator lakeHealthIndicator(HistoricalStore historical) {
        return new LakeHealthIndicator(historical);
    }

    @Bean
    QueryParser queryParser(QueryLimits limits) {
        return new QueryParser(limits);
    }

    @Bean
    BoundaryRule boundaryRule(BoundaryProperties properties) {
        return new BoundaryRule(properties);
    }

    @Bean
    MetricsService metricsService(HistoricalStore historical, RealtimeStore realtime, BoundaryRule boundaryRule,
            Clock clock) {
        return new MetricsService(historical, realtime, boundaryRule, clock);
    }
}
