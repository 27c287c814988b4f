package io.adinsights.traffic.generator;

import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One phase of a scenario: a slice of consecutive event time. A speed-layer test sends all deliveries of phase k,
 * waits until the layer's watermark reaches {@link #lateThreshold()}, then starts phase k + 1: the LATE deliveries
 * of phase k + 1 are then surely behind the watermark by more than the allowed lateness, and every other delivery
 * is surely not.
 */
public final class Phase {

    private final DeliveryStream stream;
    private final int index;
    private final Iterator<Delivery> deliveries;

    Phase(DeliveryStream stream, int index) {
        this.stream = stream;
        this.index = index;
        this.deliveries = new PhaseIterator();
    }

    public int index() {
        return index;
    }

    /** The deliveries of this phase, in arrival order; one pass only (the same iterator on every call). */
    public Iterator<Delivery> deliveries() {
        return deliveries;
    }

    /** Whether every delivery of this phase has been read, so that its thresholds are known. */
    public boolean isComplete() {
        return index < stream.phase() || stream.isPhaseRead();
    }

    /**
     * H(k): the max eventTime of the on-time events delivered in phases 0 to k (the phases are consecutive in event
     * time, so it is phase k's own max).
     *
     * @throws IllegalStateException before the phase is fully read
     */
    public Instant maxOnTimeEventTime() {
        return Instant.ofEpochMilli(stream.maxOnTimeMillis(index));
    }

    /**
     * lateThreshold(k) = H(k) - watermarkBound - thresholdMargin: the watermark to wait for before the next phase.
     *
     * @throws IllegalStateException before the phase is fully read
     */
    public Instant lateThreshold() {
        return Instant.ofEpochMilli(stream.lateThresholdMillis(index));
    }

    @Override
    public String toString() {
        return "Phase " + index + (isComplete() ? " (H " + maxOnTimeEventTime() + ", late threshold "
                + lateThreshold() + ")" : " (being read)");
    }

    private final class PhaseIterator implements Iterator<Delivery> {
        private Delivery next;

        @Override
        public boolean hasNext() {
            if (next == null && stream.phase() == index && !stream.isPhaseRead()) {
                next = stream.nextInPhase();
            }
            return next != null;
        }

        @Override
        public Delivery next() {
            if (!hasNext()) {
                throw new NoSuchElementException("Phase " + index + " has no more deliveries");
            }
            Delivery delivery = next;
            next = null;
            return delivery;
        }
    }
}
