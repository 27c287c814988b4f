package io.adinsights.traffic.generator;

import java.util.Locale;

/**
 * Measures how fast the generator streams: {@code java -cp ... io.adinsights.traffic.generator.TrafficBenchmark
 * [events]} generates a messy scenario of that many on-time events (default: the LARGE size) and prints deliveries
 * and megabytes per second. A main, not a test: timings on a shared machine are not pass/fail material.
 */
public final class TrafficBenchmark {

    private static final long WARM_UP_EVENTS = 200_000;

    private TrafficBenchmark() {
    }

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : ScenarioSize.LARGE.events();
        TrafficConfig config = TrafficConfig.messy().toBuilder().size(ScenarioSize.LARGE).events(events).build();
        run(config.toBuilder().events(Math.min(events, WARM_UP_EVENTS)).build());
        long started = System.nanoTime();
        long[] counts = run(config);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%,d deliveries (%,d on-time events) in %.1f s: %,.0f deliveries/s, %.1f MB/s%n",
                counts[0], events, seconds, counts[0] / seconds, counts[1] / seconds / 1e6);
    }

    /** Streams the scenario; returns deliveries and payload bytes. */
    private static long[] run(TrafficConfig config) {
        long deliveries = 0;
        long bytes = 0;
        for (Delivery delivery : Scenario.of(config)) {
            deliveries++;
            bytes += delivery.payload().length;
        }
        return new long[] {deliveries, bytes};
    }
}
