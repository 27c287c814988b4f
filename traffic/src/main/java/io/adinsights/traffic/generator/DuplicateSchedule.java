package io.adinsights.traffic.generator;

import io.adinsights.traffic.generator.EventRenderer.Rendered;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Producer retries: copies of delivered events, due a number of deliveries after the first copy. Memory is bounded
 * by the duplicate rates times the farthest distance.
 */
final class DuplicateSchedule {

    /** A copy to deliver once the stream reaches {@code dueSequence}. */
    record Copy(long dueSequence, long order, Rendered rendered, DeliveryKind kind) implements Comparable<Copy> {
        @Override
        public int compareTo(Copy other) {
            int byDueSequence = Long.compare(dueSequence, other.dueSequence);
            return byDueSequence != 0 ? byDueSequence : Long.compare(order, other.order);
        }
    }

    private final TrafficConfig config;
    private final SplittableRandom random;
    private final PriorityQueue<Copy> copies = new PriorityQueue<>();
    private long order;

    DuplicateSchedule(TrafficConfig config, SplittableRandom random) {
        this.config = config;
        this.random = random;
    }

    /** Decides the copies of an event whose first copy was just delivered as {@code sequence}. */
    void afterFirstCopy(Rendered rendered, long sequence) {
        if (random.nextDouble() < config.nearDuplicateRate()) {
            long distance = 1 + random.nextInt(config.nearDuplicateMaxDistance());
            copies.add(new Copy(sequence + distance, order++, rendered, DeliveryKind.NEAR_DUPLICATE));
        }
        if (random.nextDouble() < config.farDuplicateRate()) {
            long distance = config.farDuplicateMinDistance()
                    + random.nextInt(config.farDuplicateMaxDistance() - config.farDuplicateMinDistance() + 1);
            copies.add(new Copy(sequence + distance, order++, rendered, DeliveryKind.FAR_DUPLICATE));
        }
    }

    /** The next copy due at {@code sequence}, or null. */
    Copy dueAt(long sequence) {
        return !copies.isEmpty() && copies.peek().dueSequence() <= sequence ? copies.poll() : null;
    }

    /** The next copy whatever its due sequence (the scenario is ending), or null. */
    Copy next() {
        return copies.poll();
    }

    int size() {
        return copies.size();
    }
}
