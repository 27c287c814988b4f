package io.adinsights.traffic.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.DeliveryKind;
import io.adinsights.traffic.generator.Phase;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.ScenarioSize;
import io.adinsights.traffic.generator.TrafficConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The oracle on a generated scenario agrees with what the generator says it made: a check of both. */
class GeneratedScenarioTruthTest {

    private static final TrafficConfig CONFIG = TrafficConfig.messy().toBuilder()
            .size(ScenarioSize.SMALL)
            .lateRate(0.01)
            .phases(4)
            .build();

    @Test
    void theOracleSeesThePhasesLateEventsAndDuplicatesTheGeneratorMade() {
        Scenario scenario = Scenario.of(CONFIG);
        List<PhaseThreshold> generated = new ArrayList<>();
        Map<DeliveryKind, Long> kinds = new EnumMap<>(DeliveryKind.class);
        for (Iterator<Phase> phases = scenario.phases(); phases.hasNext();) {
            Phase phase = phases.next();
            phase.deliveries().forEachRemaining(delivery -> kinds.merge(delivery.kind(), 1L, Long::sum));
            generated.add(new PhaseThreshold(phase.index(), phase.maxOnTimeEventTime(), phase.lateThreshold()));
        }

        Truth truth = TruthOracle.compute(scenario, OracleSettings.of(CONFIG));

        assertThat(truth.phases()).isEqualTo(generated);
        assertThat(truth.lateEvents()).isEqualTo(kinds.get(DeliveryKind.LATE)).isGreaterThan(50);
        assertThat(truth.duplicates())
                .isEqualTo(kinds.get(DeliveryKind.NEAR_DUPLICATE) + kinds.get(DeliveryKind.FAR_DUPLICATE));
        assertThat(truth.distinctEvents()).isEqualTo(CONFIG.events() + kinds.get(DeliveryKind.LATE));
        assertThat(truth.deadLetters()).hasSize(kinds.get(DeliveryKind.MALFORMED).intValue());
    }

    @Test
    void theSpeedTruthIsTheBatchTruthWithoutTheLateEvents() {
        Scenario scenario = Scenario.of(CONFIG);
        Truth truth = TruthOracle.compute(scenario, OracleSettings.of(CONFIG));
        List<Delivery> onTimeOnly = new ArrayList<>();
        long sequence = 0;
        for (Delivery delivery : scenario) {
            if (delivery.kind() != DeliveryKind.LATE) {
                onTimeOnly.add(new Delivery(sequence++, delivery.payload(), delivery.partitionKey(), 0,
                        delivery.event(), delivery.expectedRejection(), delivery.kind()));
            }
        }
        // Copies of late events carry the late events back in: leave out every eventId whose first copy is late.
        Set<String> lateIds = new HashSet<>();
        scenario.forEach(delivery -> {
            if (delivery.kind() == DeliveryKind.LATE) {
                lateIds.add(delivery.event().eventId());
            }
        });
        onTimeOnly.removeIf(delivery -> delivery.isValid() && lateIds.contains(delivery.event().eventId()));
        OracleSettings noLateness = new OracleSettings(CONFIG.attributionWindow(), CONFIG.allowedLateness()
                .multipliedBy(1000), CONFIG.watermarkBound(), CONFIG.thresholdMargin());

        MetricsTruth expected = TruthOracle.compute(onTimeOnly, noLateness).batch();

        for (Granularity granularity : Granularity.values()) {
            assertThat(truth.speed().campaignRows(granularity)).isEqualTo(expected.campaignRows(granularity));
            assertThat(truth.speed().adRows(granularity)).isEqualTo(expected.adRows(granularity));
            assertThat(truth.speed().unattributedRows(granularity)).isEqualTo(expected.unattributedRows(granularity));
        }
        assertThat(truth.speed().campaignRows(Granularity.HOUR)).isNotEqualTo(truth.batch().campaignRows(
                Granularity.HOUR));
    }
}
