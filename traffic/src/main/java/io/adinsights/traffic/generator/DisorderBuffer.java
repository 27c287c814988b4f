package io.adinsights.traffic.generator;

import io.adinsights.traffic.generator.EventRenderer.Rendered;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * On-time events held back behind newer ones. Each is released before the first newer event beyond its release
 * time, so it arrives at most (release time - its eventTime) behind the newest event delivered before it.
 */
final class DisorderBuffer {

    private record Held(long releaseAfter, long order, Rendered rendered) implements Comparable<Held> {
        @Override
        public int compareTo(Held other) {
            int byReleaseAfter = Long.compare(releaseAfter, other.releaseAfter);
            return byReleaseAfter != 0 ? byReleaseAfter : Long.compare(order, other.order);
        }
    }

    private final PriorityQueue<Held> held = new PriorityQueue<>();
    private long order;

    void hold(Rendered rendered, long releaseAfterMillis) {
        held.add(new Held(releaseAfterMillis, order++, rendered));
    }

    /** Releases, oldest release time first, everything that must arrive before an event at {@code timeMillis}. */
    void releaseBefore(long timeMillis, Consumer<Rendered> deliver) {
        while (!held.isEmpty() && held.peek().releaseAfter() < timeMillis) {
            deliver.accept(held.poll().rendered());
        }
    }

    void releaseAll(Consumer<Rendered> deliver) {
        while (!held.isEmpty()) {
            deliver.accept(held.poll().rendered());
        }
    }

    int size() {
        return held.size();
    }
}
