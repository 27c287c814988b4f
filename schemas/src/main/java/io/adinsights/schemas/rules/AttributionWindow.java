package io.adinsights.schemas.rules;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The attribution rule: a basket counts for the campaign of the click it names when
 * {@code 0 <= basket.eventTime - click.eventTime <= W}, both ends included. Otherwise it is unattributed.
 *
 * @param length W, the attribution window (default 1 hour)
 */
public record AttributionWindow(Duration length) implements Serializable {

    public static final Duration LENGTH_DEFAULT = Duration.ofHours(1);
    private static final long serialVersionUID = 1L;

    public AttributionWindow {
        requireNonNull(length, "length is null");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("Invalid attribution window: " + length + " (must be > 0)");
        }
    }

    public static AttributionWindow defaultWindow() {
        return new AttributionWindow(LENGTH_DEFAULT);
    }

    /** Whether a basket at {@code basketTime} is attributed to a click at {@code clickTime}. */
    public boolean attributes(Instant clickTime, Instant basketTime) {
        Duration delay = Duration.between(clickTime, basketTime);
        return !delay.isNegative() && delay.compareTo(length) <= 0;
    }

    /** The latest basket time a click at {@code clickTime} can still be credited with. */
    public Instant lastAttributableBasketTime(Instant clickTime) {
        return clickTime.plus(length);
    }
}
