package io.adinsights.serving.boundary;

import io.adinsights.schemas.rules.Retention;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the speed layer stops being trusted, validated at start-up.
 *
 * @param realtimeRetention how long the speed layer keeps a bucket ({@code P30D}, its TTL)
 * @param safetyMargin      how far inside that retention the boundary stays, so that rows about to expire (and clock
 *                          skew between the API and ScyllaDB) never decide an answer
 */
@ConfigurationProperties("insights.boundary")
public record BoundaryProperties(Duration realtimeRetention, Duration safetyMargin) {

    public static final Duration REALTIME_RETENTION_DEFAULT = Retention.SPEED_LAYER_RETENTION;
    public static final Duration SAFETY_MARGIN_DEFAULT = Duration.ofHours(1);

    public BoundaryProperties {
        realtimeRetention = realtimeRetention == null ? REALTIME_RETENTION_DEFAULT : realtimeRetention;
        safetyMargin = safetyMargin == null ? SAFETY_MARGIN_DEFAULT : safetyMargin;
        if (realtimeRetention.compareTo(Retention.SPEED_LAYER_RETENTION) > 0 || realtimeRetention.isNegative()) {
            throw new IllegalArgumentException("Invalid insights.boundary.realtime-retention: " + realtimeRetention
                    + " (must be between 0 and the speed layer's retention " + Retention.SPEED_LAYER_RETENTION + ")");
        }
        if (safetyMargin.isNegative() || safetyMargin.compareTo(realtimeRetention) >= 0) {
            throw new IllegalArgumentException("Invalid insights.boundary.safety-margin: " + safetyMargin
                    + " (must be >= 0 and shorter than the real-time retention " + realtimeRetention + ")");
        }
    }
}
