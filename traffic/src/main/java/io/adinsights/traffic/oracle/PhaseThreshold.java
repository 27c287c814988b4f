package io.adinsights.traffic.oracle;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The end of one phase as the oracle sees it.
 *
 * @param phase              the phase index
 * @param maxOnTimeEventTime H(k): the max eventTime of the on-time valid deliveries of phases 0 to k
 * @param lateThreshold      H(k) - watermarkBound - thresholdMargin: an event delivered in phase k + 1 is late
 *                           when eventTime + allowedLateness <= this
 */
public record PhaseThreshold(int phase, Instant maxOnTimeEventTime, Instant lateThreshold) {

    public PhaseThreshold {
        requireNonNull(maxOnTimeEventTime, "maxOnTimeEventTime is null");
        requireNonNull(lateThreshold, "lateThreshold is null");
    }
}
