package io.adinsights.traffic.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioTest {

    private static final TrafficConfig SMALL = TrafficConfig.messy().toBuilder().size(ScenarioSize.SMALL).build();

    @Test
    void theSameConfigGivesByteIdenticalDeliveries() {
        TrafficConfig config = TrafficConfig.messy();

        assertThat(digest(Scenario.of(config))).isEqualTo(digest(Scenario.of(config.toBuilder().build())));
    }

    @Test
    void anotherSeedGivesOtherDeliveries() {
        Scenario one = Scenario.of(SMALL);
        Scenario other = Scenario.of(SMALL.toBuilder().seed(SMALL.seed() + 1).build());

        assertThat(digest(one)).isNotEqualTo(digest(other));
        assertThat(one.iterator().next().payload()).isNotEqualTo(other.iterator().next().payload());
        Set<String> ids = new HashSet<>();
        one.forEach(delivery -> ids.add(delivery.partitionKey()));
        assertThat(other.stream().filter(Delivery::isValid).map(Delivery::partitionKey).filter(ids::contains))
                .as("eventIds shared by scenarios of different seeds").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aCleanScenarioIsEveryEventOnceInOrderWithItsClickFirst(long seed) {
        TrafficConfig config = TrafficConfig.clean().toBuilder().size(ScenarioSize.SMALL).seed(seed).build();
        Set<String> ids = new HashSet<>();
        Set<String> clicks = new HashSet<>();
        Instant newest = Instant.MIN;
        long count = 0;
        for (Delivery delivery : Scenario.of(config)) {
            assertThat(delivery.kind()).isEqualTo(DeliveryKind.FIRST_COPY);
            AdEvent event = delivery.event();
            assertThat(event.eventTime()).isAfterOrEqualTo(newest);
            newest = event.eventTime();
            assertThat(ids.add(event.eventId())).isTrue();
            if (event.eventType() == EventType.CLICK) {
                clicks.add(event.eventId());
            } else if (event.eventType() == EventType.ADD_TO_BASKET) {
                assertThat(clicks).contains(event.clickId());
            }
            count++;
        }
        assertThat(count).isEqualTo(config.events());
        assertThat(newest).isBetween(config.start().plusSeconds(9_000), config.start().plusSeconds(11_000));
    }

    @Test
    void writesValidEventsWithRealisticVariety() {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> campaignImpressions = new HashMap<>();
        for (Delivery delivery : Scenario.of(SMALL)) {
            if (!delivery.isValid()) {
                continue;
            }
            String json = delivery.payloadText();
            AdEvent event = delivery.event();
            count(seen, "event", true);
            count(seen, "offset Z", json.matches(".*\"eventTime\":\"[^\"]*Z\".*"));
            count(seen, "offset +02:00", json.contains("+02:00\""));
            count(seen, "offset -05:00", json.contains("-05:00\""));
            count(seen, "offset +05:30", json.contains("+05:30\""));
            count(seen, "no fraction", json.matches(".*\"eventTime\":\"[^\".]*\".*"));
            count(seen, "first member not eventId", !json.startsWith("{\"eventId\""));
            count(seen, "schemaVersion", json.contains("\"schemaVersion\":1"));
            count(seen, "extra fields", event.extraFieldsJson() != null);
            count(seen, "nested extra object", json.contains("\"device\":{"));
            count(seen, "userId", event.userId() != null);
            count(seen, "retailerId", event.retailerId() != null);
            count(seen, "productId", event.productId() != null);
            count(seen, "placement", event.placement() != null);
            count(seen, "quantity", event.quantity() != null);
            count(seen, "quantity over 1", event.quantity() != null && event.quantity() > 1);
            count(seen, event.eventType().wireName(), true);
            if (event.eventType() == EventType.IMPRESSION) {
                campaignImpressions.merge(event.campaignId(), 1, Integer::sum);
            }
        }
        int events = seen.remove("event");
        assertThat(seen).allSatisfy((what, times) -> assertThat(times).as(what).isBetween(10, events - 10));
        double clickThroughRate = (double) seen.get("click") / seen.get("impression");
        assertThat(clickThroughRate).isBetween(0.025, 0.035);
        List<Integer> popularity = new ArrayList<>(campaignImpressions.values());
        popularity.sort(null);
        assertThat(popularity.get(popularity.size() - 1)).as("most popular campaign vs. the median")
                .isGreaterThan(10 * popularity.get(popularity.size() / 2));
        assertThat(campaignImpressions).hasSizeGreaterThan(150);
    }

    @Test
    void phasesAreTheWholeScenarioCutIntoSlicesOfEventTime() {
        TrafficConfig config = SMALL.toBuilder().phases(4).build();
        List<Delivery> byPhases = new ArrayList<>();
        List<Phase> phases = new ArrayList<>();
        for (Iterator<Phase> it = Scenario.of(config).phases(); it.hasNext();) {
            Phase phase = it.next();
            assertThat(phase.isComplete()).isFalse();
            phase.deliveries().forEachRemaining(byPhases::add);
            assertThat(phase.isComplete()).isTrue();
            phases.add(phase);
        }

        assertThat(phases).extracting(Phase::index).containsExactly(0, 1, 2, 3);
        assertThat(digest(byPhases)).isEqualTo(digest(Scenario.of(config)));
        for (int k = 0; k < phases.size(); k++) {
            Phase phase = phases.get(k);
            assertThat(phase.lateThreshold()).isEqualTo(phase.maxOnTimeEventTime()
                    .minus(config.watermarkBound()).minus(config.thresholdMargin()));
            if (k > 0) {
                assertThat(phase.maxOnTimeEventTime()).isAfter(phases.get(k - 1).maxOnTimeEventTime());
            }
        }
        for (Delivery delivery : byPhases) {
            if (delivery.kind() == DeliveryKind.LATE) {
                Instant previousThreshold = phases.get(delivery.phase() - 1).lateThreshold();
                assertThat(delivery.event().eventTime().plus(config.allowedLateness())
                        .plus(config.lateClearanceMin())).isBeforeOrEqualTo(previousThreshold);
            } else if (delivery.kind() == DeliveryKind.FIRST_COPY && delivery.phase() > 0) {
                assertThat(delivery.event().eventTime()).isAfterOrEqualTo(
                        phases.get(delivery.phase() - 1).maxOnTimeEventTime());
            }
        }
    }

    @Test
    void aPhaseMustBeReadToItsEndBeforeItsThresholdsOrTheNextPhase() {
        Iterator<Phase> phases = Scenario.of(SMALL).phases();
        Phase first = phases.next();
        first.deliveries().next();

        assertThatThrownBy(first::lateThreshold).isInstanceOf(IllegalStateException.class)
                .hasMessage("Phase 0 is not fully read yet (reading phase 0)");
        assertThatThrownBy(phases::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("Phase 0 is not fully read yet");
    }

    private static void count(Map<String, Integer> seen, String what, boolean happened) {
        seen.merge(what, happened ? 1 : 0, Integer::sum);
    }

    /** A fingerprint of everything a delivery says. */
    static String digest(Iterable<Delivery> deliveries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Delivery delivery : deliveries) {
                digest.update(ByteBuffer.allocate(12).putLong(delivery.sequence()).putInt(delivery.phase()).array());
                digest.update(delivery.payload());
                digest.update((delivery.partitionKey() + delivery.kind() + delivery.event()
                        + delivery.expectedRejection()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
