package io.adinsights.traffic.oracle;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.traffic.generator.Delivery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The independent truth: the metrics of ARCHITECTURE.md computed from deliveries with deliberately simple code that
 * shares nothing with the layers but the contract types. It reads {@link Delivery#event()} and
 * {@link Delivery#expectedRejection()}, never the payload bytes, so it checks the parser too.
 *
 * <p>Everything is counted once per eventId. When copies of an eventId differ, the FIRST delivered copy is the
 * event; later copies are duplicates whatever they hold. The first copy also decides lateness.
 *
 * <p>Memory grows with the number of distinct events (every eventId is remembered for deduplication).
 */
public final class TruthOracle {

    private TruthOracle() {
    }

    /**
     * @param deliveries every delivery of a scenario, in arrival order (sequences increasing, phases not decreasing)
     * @throws IllegalArgumentException when the deliveries are out of order, or a first copy is neither surely late
     *                                  nor surely on time (see {@link LatenessRule})
     */
    public static Truth compute(Iterable<Delivery> deliveries, OracleSettings settings) {
        requireNonNull(deliveries, "deliveries is null");
        requireNonNull(settings, "settings is null");
        MetricsAccumulator batch = new MetricsAccumulator();
        MetricsAccumulator speed = new MetricsAccumulator();
        LatenessRule lateness = new LatenessRule(settings);
        Set<String> seenEventIds = new HashSet<>();
        List<ExpectedDeadLetter> deadLetters = new ArrayList<>();
        long duplicates = 0;
        long lateEvents = 0;
        long previousSequence = -1;
        for (Delivery delivery : deliveries) {
            if (delivery.sequence() <= previousSequence) {
                throw new IllegalArgumentException("Deliveries out of arrival order: sequence " + delivery.sequence()
                        + " after " + previousSequence);
            }
            previousSequence = delivery.sequence();
            lateness.enterPhase(delivery);
            if (!delivery.isValid()) {
                deadLetters.add(new ExpectedDeadLetter(delivery.sequence(), delivery.partitionKey(),
                        delivery.expectedRejection(), delivery.payload()));
                continue;
            }
            AdEvent event = delivery.event();
            boolean late = lateness.isLate(event.eventTime());
            if (seenEventIds.add(event.eventId())) {
                batch.add(event);
                if (late) {
                    lateEvents++;
                } else {
                    lateness.requireOnTime(delivery);
                    speed.add(event);
                }
            } else {
                duplicates++;
            }
            lateness.observe(event.eventTime(), late);
        }
        return new Truth(batch.build(settings.attributionWindow()), speed.build(settings.attributionWindow()),
                deadLetters, lateness.finish(), seenEventIds.size(), duplicates, lateEvents);
    }
}
