package io.adinsights.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreshnessProbeTest {

    @Test
    void theSummaryNamesTheProbesAndThePercentiles() {
        assertThat(FreshnessProbe.summary(new long[] {300, 100, 200}))
                .isEqualTo("freshness over 3 probes: p50 200 ms, p90 300 ms, p99 300 ms, max 300 ms");
    }
}
