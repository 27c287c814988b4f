package io.adinsights.traffic.generator;

import java.util.UUID;

/**
 * Event ids shaped like the UUIDs producers send, unique by construction: the high half is fixed per scenario (so
 * scenarios with different seeds do not share ids) and the low half is a bijective scramble of a counter.
 */
final class EventIds {

    private final long scenarioBits;
    private long counter;

    EventIds(long seed) {
        this.scenarioBits = scramble(seed ^ 0x5DEECE66DL);
    }

    String next() {
        return new UUID(scenarioBits, scramble(counter++)).toString();
    }

    /** The SplitMix64 finalizer: a bijection on 64-bit values, so distinct counters give distinct ids. */
    private static long scramble(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
