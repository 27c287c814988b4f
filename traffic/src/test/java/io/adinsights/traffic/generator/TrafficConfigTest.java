package io.adinsights.traffic.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrafficConfigTest {

    @Test
    void messyIsTheDefaultsAndCleanHasNoMessiness() {
        TrafficConfig messy = TrafficConfig.messy();
        TrafficConfig clean = TrafficConfig.clean();

        assertThat(messy).isEqualTo(TrafficConfig.builder().build());
        assertThat(messy.events()).isEqualTo(TrafficConfig.EVENTS_DEFAULT);
        assertThat(messy.maxDisorder()).isEqualTo(TrafficConfig.MAX_DISORDER_DEFAULT);
        assertThat(messy.lateRate()).isPositive();
        assertThat(messy.oversizedRecords()).isEqualTo(1);
        assertThat(new double[] {clean.nearDuplicateRate(), clean.farDuplicateRate(), clean.outOfOrderRate(),
            clean.basketBeforeClickRate(), clean.orphanBasketRate(), clean.basketBeyondWindowRate(),
            clean.clockSkewBasketRate(), clean.lateRate(), clean.malformedRate()}).containsOnly(0.0);
        assertThat(clean.oversizedRecords()).isZero();
        assertThat(clean.clickThroughRate()).isEqualTo(messy.clickThroughRate());
    }

    @Test
    void aBuilderFromAConfigGivesTheSameConfig() {
        TrafficConfig config = TrafficConfig.messy().toBuilder().seed(7).size(ScenarioSize.SMALL).phases(5).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.events()).isEqualTo(ScenarioSize.SMALL.events());
        assertThat(config.eventsPerSecond()).isEqualTo(ScenarioSize.SMALL.eventsPerSecond());
    }

    @Test
    void refusesDisorderThatCouldMakeAnOnTimeEventLate() {
        assertThatThrownBy(() -> TrafficConfig.builder().maxDisorder(Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid maxDisorder: PT5S (must be < watermarkBound PT5S)");
    }

    @Test
    void namesTheBadValue() {
        assertThatThrownBy(() -> TrafficConfig.builder().nearDuplicateRate(1.5).build())
                .hasMessage("Invalid nearDuplicateRate: 1.5 (must be from 0 to 1)");
        assertThatThrownBy(() -> TrafficConfig.builder().events(2).phases(3).build())
                .hasMessage("Invalid events: 2 (must be >= phases 3, so that every phase has events)");
        assertThatThrownBy(() -> TrafficConfig.builder().lateClearanceMax(Duration.ofMinutes(1)).build())
                .hasMessage("Invalid lateClearanceMax: PT1M (must be >= lateClearanceMin PT5M)");
        assertThatThrownBy(() -> TrafficConfig.builder().attributionWindow(Duration.ZERO).build())
                .hasMessage("Invalid attributionWindow: PT0S (must be > 0)");
        assertThatThrownBy(() -> TrafficConfig.builder().start(Instant.parse("2026-01-01T00:00:00.000001Z")).build())
                .hasMessageStartingWith("Invalid start: 2026-01-01T00:00:00.000001Z (must be a whole millisecond");
        assertThatThrownBy(() -> TrafficConfig.builder().maxDisorder(Duration.ofMillis(1)).build())
                .hasMessageStartingWith("Invalid maxDisorder: PT0.001S (must be >= 2 ms when basketBeforeClickRate");
        assertThatThrownBy(() -> TrafficConfig.builder().basketBeyondWindowRate(0.5).clockSkewBasketRate(0.25)
                .basketBeforeClickRate(0.5).build())
                .hasMessage("Invalid basketBeyondWindowRate + clockSkewBasketRate + basketBeforeClickRate: 1.25 "
                        + "(must be <= 1)");
        assertThatThrownBy(() -> TrafficConfig.builder().start(null).build()).hasMessage("start is null");
    }
}
