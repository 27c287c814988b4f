package io.adinsights.traffic.generator;

/**
 * Named scenario sizes: how many on-time events, and how fast event time runs so that each size spans several
 * attribution windows (baskets beyond the window need more event time than the window itself).
 */
public enum ScenarioSize {
    /** Unit tests: about 3 hours of event time. */
    SMALL(10_000, 1.0),
    /** Integration tests on embedded engines: about 5.5 hours. */
    MEDIUM(200_000, 10.0),
    /** Benchmarks and soak runs: about 14 hours. */
    LARGE(10_000_000, 200.0);

    private final long events;
    private final double eventsPerSecond;

    ScenarioSize(long events, double eventsPerSecond) {
        this.events = events;
        this.eventsPerSecond = eventsPerSecond;
    }

    public long events() {
        return events;
    }

    public double eventsPerSecond() {
        return eventsPerSecond;
    }
}
