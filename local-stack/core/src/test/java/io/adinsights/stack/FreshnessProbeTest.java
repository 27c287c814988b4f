package io.adinsights.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreshnessProbeTest {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(FreshnessProbe.percentile(sorted, 50)).isEqualTo(50);
        assertThat(FreshnessProbe.percentile(sorted, 99)).isEqualTo(99);
        assertThat(FreshnessProbe.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(FreshnessProbe.summary(new long[] {300, 100, 200}))
                .isEqualTo("freshness over 3 probes: p50 200 ms, p90 300 ms, p99 300 ms, max 300 ms");
    }
}
