package io.adinsights.traffic.oracle;

import io.adinsights.schemas.validation.RejectionReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the platform must report for a set of deliveries: the oracle's answer, plus counts for diagnostics. */
public final class Truth {

    private final MetricsTruth batch;
    private final MetricsTruth speed;
    private final List<ExpectedDeadLetter> deadLetters;
    private final List<PhaseThreshold> phases;
    private final long distinctEvents;
    private final long duplicates;
    private final long lateEvents;

    Truth(MetricsTruth batch, MetricsTruth speed, List<ExpectedDeadLetter> deadLetters, List<PhaseThreshold> phases,
            long distinctEvents, long duplicates, long lateEvents) {
        this.batch = batch;
        this.speed = speed;
        this.deadLetters = List.copyOf(deadLetters);
        this.phases = List.copyOf(phases);
        this.distinctEvents = distinctEvents;
        this.duplicates = duplicates;
        this.lateEvents = lateEvents;
    }

    /** The batch layer's truth: every distinct valid event, late ones included. */
    public MetricsTruth batch() {
        return batch;
    }

    /** The speed layer's truth: the distinct valid events that are not late (late clicks attribute nothing). */
    public MetricsTruth speed() {
        return speed;
    }

    /** Every malformed delivery with its reason, in arrival order: the dead letters of the stream path. */
    public List<ExpectedDeadLetter> deadLetters() {
        return deadLetters;
    }

    /**
     * The dead letters of the raw-zone path (newline-delimited files): the same without EMPTY_RECORD, since an empty
     * or blank record leaves no bytes to read back.
     */
    public List<ExpectedDeadLetter> rawZoneDeadLetters() {
        return deadLetters.stream().filter(letter -> letter.reason() != RejectionReason.EMPTY_RECORD).toList();
    }

    /** How many malformed deliveries there are of each reason (reasons with none are left out). */
    public Map<RejectionReason, Long> malformedByReason() {
        Map<RejectionReason, Long> counts = new EnumMap<>(RejectionReason.class);
        deadLetters.forEach(letter -> counts.merge(letter.reason(), 1L, Long::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** H(k) and lateThreshold(k) of each phase, as the oracle computed them from the deliveries. */
    public List<PhaseThreshold> phases() {
        return phases;
    }

    /** Distinct eventIds among the valid deliveries. */
    public long distinctEvents() {
        return distinctEvents;
    }

    /** Valid deliveries whose eventId was delivered before. */
    public long duplicates() {
        return duplicates;
    }

    /** Distinct events whose first copy is late: counted by batch, not by speed. */
    public long lateEvents() {
        return lateEvents;
    }
}
