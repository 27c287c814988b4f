package io.adinsights.traffic.generator;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A reproducible stream of messy ad traffic: every iteration generates the same deliveries again from the config,
 * in constant memory, so a scenario can be sent and then replayed into the oracle without being stored.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.of(TrafficConfig.messy());
 * for (Iterator<Phase> phases = scenario.phases(); phases.hasNext();) {
 *     Phase phase = phases.next();
 *     phase.deliveries().forEachRemaining(sender::send);
 *     awaitWatermark(phase.lateThreshold());
 * }
 * Truth truth = TruthOracle.compute(scenario, OracleSettings.of(scenario.config()));
 * }</pre>
 */
public final class Scenario implements Iterable<Delivery> {

    private final TrafficConfig config;

    private Scenario(TrafficConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    public static Scenario of(TrafficConfig config) {
        return new Scenario(config);
    }

    public TrafficConfig config() {
        return config;
    }

    /** Every delivery of every phase, in arrival order, generated afresh. */
    @Override
    public Iterator<Delivery> iterator() {
        DeliveryStream stream = new DeliveryStream(config);
        return new Iterator<>() {
            private Delivery next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    next = stream.nextInPhase();
                    if (next == null && !stream.startNextPhase()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Delivery next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The scenario has no more deliveries");
                }
                Delivery delivery = next;
                next = null;
                return delivery;
            }
        };
    }

    /** The deliveries as a sequential stream, generated afresh. */
    public Stream<Delivery> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * The phases in order, generated afresh. Each phase must be read to its end before the next one is taken: its
     * thresholds decide how late the next phase's late events are.
     */
    public Iterator<Phase> phases() {
        DeliveryStream stream = new DeliveryStream(config);
        return new Iterator<>() {
            private int nextIndex;

            @Override
            public boolean hasNext() {
                return nextIndex < config.phases();
            }

            @Override
            public Phase next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The scenario has " + config.phases() + " phases");
                }
                if (nextIndex > 0 && !stream.startNextPhase()) {
                    throw new IllegalStateException("No phase after " + stream.phase());
                }
                return new Phase(stream, nextIndex++);
            }
        };
    }
}
