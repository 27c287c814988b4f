package io.adinsights.traffic.measure;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** The latency figures the platform's benchmarks and probes print: nearest-rank p50, p90, p99, and the maximum. */
public final class LatencySummary {

    private LatencySummary() {
    }

    /** {@code p50 … ms, p90 … ms, p99 … ms, max … ms} of latencies in milliseconds, in any order. */
    public static String of(long[] millis) {
        requireNonNull(millis, "millis is null");
        if (millis.length == 0) {
            throw new IllegalArgumentException("No latencies to summarize");
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format("p50 %d ms, p90 %d ms, p99 %d ms, max %d ms", percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile of sorted values: the smallest value at or above {@code percent} % of them. */
    public static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
