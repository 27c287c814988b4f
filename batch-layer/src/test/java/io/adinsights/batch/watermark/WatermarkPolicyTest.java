package io.adinsights.batch.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatermarkPolicyTest {

    private static final Instant SIX = Instant.parse("2026-03-29T06:00:00Z");

    @Test
    void candidateIsCompactedRawTimeMinusTheDelayFlooredToTheHour() {
        assertThat(WatermarkPolicy.candidate(SIX, Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
        assertThat(WatermarkPolicy.candidate(SIX, Duration.ofMinutes(90)))
                .isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
        assertThat(WatermarkPolicy.candidate(SIX, Duration.ZERO)).isEqualTo(SIX);
    }

    @Test
    void advancesOnlyWhenChecksPassAndNeverBackwards() {
        Instant five = Instant.parse("2026-03-29T05:00:00Z");
        assertThat(WatermarkPolicy.next(Optional.empty(), five, true)).contains(five);
        assertThat(WatermarkPolicy.next(Optional.of(five), SIX, true)).contains(SIX);
        assertThat(WatermarkPolicy.next(Optional.of(SIX), five, true)).contains(SIX);
        assertThat(WatermarkPolicy.next(Optional.of(five), SIX, false)).contains(five);
        assertThat(WatermarkPolicy.next(Optional.empty(), SIX, false)).isEmpty();
    }
}
