package io.adinsights.traffic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(99);
        assertThat(LatencySummary.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void theSummaryTakesValuesInAnyOrder() {
        assertThat(LatencySummary.of(new long[] {300, 100, 200}))
                .isEqualTo("p50 200 ms, p90 300 ms, p99 300 ms, max 300 ms");
        assertThatThrownBy(() -> LatencySummary.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
