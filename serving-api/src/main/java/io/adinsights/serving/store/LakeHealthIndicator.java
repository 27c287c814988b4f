package io.adinsights.serving.store;

import static java.util.Objects.requireNonNull;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The historical store is up when its state (the batch watermark) can be pinned. */
public final class LakeHealthIndicator implements HealthIndicator {

    private final HistoricalStore historical;

    public LakeHealthIndicator(HistoricalStore historical) {
        this.historical = requireNonNull(historical, "historical is null");
    }

    @Override
    public Health health() {
        try {
            return historical.pin().watermark()
                    .map(watermark -> Health.up().withDetail("batchUpTo", watermark.toString()))
                    .orElseGet(() -> Health.up().withDetail("batchUpTo", "none yet"))
                    .build();
        } catch (StoreUnavailableException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
