package io.adinsights.traffic.oracle;

import io.adinsights.traffic.generator.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which events the speed layer cannot count, decided from the phases alone. An event delivered in phase k >= 1 is
 * late iff eventTime + L <= lateThreshold(k - 1): the test waited for the watermark to reach that threshold before
 * sending phase k. An event is surely on time iff eventTime + L > (newest eventTime delivered before it) - the
 * watermark bound, since the watermark can never be ahead of that. Any other first copy is ambiguous: the speed
 * layer may count it or not, so the scenario cannot be checked exactly, and the oracle refuses it.
 */
final class LatenessRule {

    private final long allowedLatenessMillis;
    private final long watermarkBoundMillis;
    private final long thresholdMarginMillis;
    private final List<PhaseThreshold> closedPhases = new ArrayList<>();
    private int phase;
    private long newestMillis = Long.MIN_VALUE;
    private long newestOnTimeMillis = Long.MIN_VALUE;
    private boolean hasPreviousThreshold;
    private long previousThresholdMillis;

    LatenessRule(OracleSettings settings) {
        this.allowedLatenessMillis = settings.allowedLateness().toMillis();
        this.watermarkBoundMillis = settings.watermarkBound().toMillis();
        this.thresholdMarginMillis = settings.thresholdMargin().toMillis();
    }

    /** Moves to the phase of the next delivery, closing the phases before it. */
    void enterPhase(Delivery delivery) {
        if (delivery.phase() < phase) {
            throw new IllegalArgumentException("Deliveries go back from phase " + phase + " to phase "
                    + delivery.phase() + " at " + delivery);
        }
        while (phase < delivery.phase()) {
            closePhase();
        }
    }

    boolean isLate(Instant eventTime) {
        return hasPreviousThreshold && eventTime.toEpochMilli() + allowedLatenessMillis <= previousThresholdMillis;
    }

    /** Throws unless a first copy that is not late is surely on time. */
    void requireOnTime(Delivery delivery) {
        long eventTime = delivery.event().eventTime().toEpochMilli();
        boolean surelyOnTime = newestMillis == Long.MIN_VALUE
                || eventTime + allowedLatenessMillis > newestMillis - watermarkBoundMillis;
        if (!surelyOnTime) {
            String late = hasPreviousThreshold
                    ? "lateThreshold(" + (phase - 1) + ") is " + Instant.ofEpochMilli(previousThresholdMillis)
                    : "phase " + phase + " has no late threshold before it";
            throw new IllegalArgumentException("Ambiguous lateness of " + delivery + ": neither surely late ("
                    + late + ") nor surely on time (eventTime + allowedLateness "
                    + Duration.ofMillis(allowedLatenessMillis) + " is not after the newest eventTime delivered "
                    + "before it, " + Instant.ofEpochMilli(newestMillis) + ", minus the watermark bound "
                    + Duration.ofMillis(watermarkBoundMillis) + ")");
        }
    }

    /** Records a valid delivery (any copy) once it has been judged. */
    void observe(Instant eventTime, boolean late) {
        newestMillis = Math.max(newestMillis, eventTime.toEpochMilli());
        if (!late) {
            newestOnTimeMillis = Math.max(newestOnTimeMillis, eventTime.toEpochMilli());
        }
    }

    /** The thresholds of every phase that has on-time events up to its end, the last phase included. */
    List<PhaseThreshold> finish() {
        closePhase();
        return List.copyOf(closedPhases);
    }

    private void closePhase() {
        if (newestOnTimeMillis != Long.MIN_VALUE) {
            previousThresholdMillis = newestOnTimeMillis - watermarkBoundMillis - thresholdMarginMillis;
            hasPreviousThreshold = true;
            closedPhases.add(new PhaseThreshold(phase, Instant.ofEpochMilli(newestOnTimeMillis),
                    Instant.ofEpochMilli(previousThresholdMillis)));
        }
        phase++;
    }
}
