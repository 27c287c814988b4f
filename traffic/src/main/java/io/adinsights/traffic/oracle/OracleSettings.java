package io.adinsights.traffic.oracle;

import static java.util.Objects.requireNonNull;

import io.adinsights.traffic.generator.TrafficConfig;
import java.time.Duration;

/**
 * What the truth depends on besides the deliveries.
 *
 * @param attributionWindow W: a basket is attributed when 0 <= basket.eventTime - click.eventTime <= W
 * @param allowedLateness   L, the speed layer's allowed lateness
 * @param watermarkBound    the speed layer's bounded out-of-orderness
 * @param thresholdMargin   lateThreshold(k) = H(k) - watermarkBound - thresholdMargin
 */
public record OracleSettings(Duration attributionWindow, Duration allowedLateness, Duration watermarkBound,
        Duration thresholdMargin) {

    public OracleSettings {
        requireNonNull(attributionWindow, "attributionWindow is null");
        requireNonNull(allowedLateness, "allowedLateness is null");
        requireNonNull(watermarkBound, "watermarkBound is null");
        requireNonNull(thresholdMargin, "thresholdMargin is null");
        if (attributionWindow.isNegative() || attributionWindow.isZero()) {
            throw new IllegalArgumentException("Invalid attributionWindow: " + attributionWindow + " (must be > 0)");
        }
        checkNotNegative("allowedLateness", allowedLateness);
        checkNotNegative("watermarkBound", watermarkBound);
        checkNotNegative("thresholdMargin", thresholdMargin);
    }

    /** The settings a generated scenario was made for. */
    public static OracleSettings of(TrafficConfig config) {
        requireNonNull(config, "config is null");
        return new OracleSettings(config.attributionWindow(), config.allowedLateness(), config.watermarkBound(),
                config.thresholdMargin());
    }

    private static void checkNotNegative(String name, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Invalid " + name + ": " + duration + " (must be >= 0)");
        }
    }
}
