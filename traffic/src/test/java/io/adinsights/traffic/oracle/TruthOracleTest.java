package io.adinsights.traffic.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.validation.RejectionReason;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.DeliveryKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The oracle against scenarios built and counted by hand (never by the generator). */
class TruthOracleTest {

    private static final Duration W = Duration.ofHours(1);
    /** For scenarios about counting, not lateness: nothing here is ever late or ambiguous. */
    private static final OracleSettings NO_LATENESS = new OracleSettings(W, Duration.ofDays(7), Duration.ofSeconds(5),
            Duration.ofSeconds(30));
    /** L = 10 min, bound 5 s, margin 30 s: lateThreshold(k) = H(k) - 35 s. */
    private static final OracleSettings PHASED = new OracleSettings(W, Duration.ofMinutes(10), Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    private final List<Delivery> deliveries = new ArrayList<>();

    @Test
    void countsEveryEventIdOnceAndTheFirstCopyIsTheEvent() {
        AdEvent impression = AdEvent.impression("i1", at("10:00:10"), "A", "a1");
        send(impression);
        send(impression);
        send(AdEvent.click("c1", at("10:00:20"), "A", "a1"));
        send(impression);
        send(AdEvent.click("c1", at("10:00:20"), "A", "a1"));
        send(AdEvent.impression("i2", at("10:01:05"), "A", "a2"));
        send(AdEvent.impression("i2", at("10:02:00"), "B", "b1"));

        Truth truth = TruthOracle.compute(deliveries, NO_LATENESS);

        MetricsTruth batch = truth.batch();
        assertThat(batch.campaign(Granularity.MINUTE, "A", at("10:00:00"))).isEqualTo(new Counts(1, 1, 0));
        assertThat(batch.campaign(Granularity.MINUTE, "A", at("10:01:00"))).isEqualTo(new Counts(1, 0, 0));
        assertThat(batch.campaign(Granularity.MINUTE, "B", at("10:02:00"))).isEqualTo(Counts.ZERO);
        assertThat(batch.campaign(Granularity.HOUR, "A", at("10:00:00"))).isEqualTo(new Counts(2, 1, 0));
        assertThat(batch.campaignRows(Granularity.HOUR)).containsOnlyKeys(new CampaignBucket("A", at("10:00:00")));
        assertThat(truth.distinctEvents()).isEqualTo(3);
        assertThat(truth.duplicates()).isEqualTo(4);
        assertThat(truth.speed().campaignRows(Granularity.MINUTE)).isEqualTo(batch.campaignRows(Granularity.MINUTE));
    }

    @Test
    void attributesABasketThatArrivesBeforeItsClick() {
        send(AdEvent.addToBasket("b1", at("10:00:31"), "c1"));
        send(AdEvent.click("c1", at("10:00:30"), "A", "a1"));

        MetricsTruth batch = TruthOracle.compute(deliveries, NO_LATENESS).batch();

        assertThat(batch.campaign(Granularity.MINUTE, "A", at("10:00:00"))).isEqualTo(new Counts(0, 1, 1));
        assertThat(batch.ad(Granularity.MINUTE, "A", "a1", at("10:00:00"))).isEqualTo(new Counts(0, 1, 1));
        assertThat(batch.unattributedRows(Granularity.MINUTE)).isEmpty();
    }

    @Test
    void attributesABasketExactlyWAfterItsClickButNotOneMillisecondLater() {
        send(AdEvent.click("c1", at("10:00:00"), "A", "a1"));
        send(AdEvent.click("c2", at("10:00:00"), "A", "a2"));
        send(AdEvent.click("c3", at("10:30:00"), "A", "a1"));
        send(AdEvent.addToBasket("b3", at("10:30:00"), "c3"));
        send(AdEvent.addToBasket("b1", at("11:00:00"), "c1"));
        send(AdEvent.addToBasket("b2", Instant.parse("2026-03-29T11:00:00.001Z"), "c2"));

        MetricsTruth batch = TruthOracle.compute(deliveries, NO_LATENESS).batch();

        assertThat(batch.campaign(Granularity.HOUR, "A", at("10:00:00"))).isEqualTo(new Counts(0, 3, 1));
        assertThat(batch.campaign(Granularity.HOUR, "A", at("11:00:00"))).isEqualTo(new Counts(0, 0, 1));
        assertThat(batch.ad(Granularity.HOUR, "A", "a1", at("11:00:00"))).isEqualTo(new Counts(0, 0, 1));
        assertThat(batch.ad(Granularity.HOUR, "A", "a2", at("11:00:00"))).isEqualTo(Counts.ZERO);
        assertThat(batch.unattributed(Granularity.HOUR, at("11:00:00"))).isEqualTo(1);
        assertThat(batch.unattributed(Granularity.MINUTE, at("11:00:00"))).isEqualTo(1);
    }

    @Test
    void leavesBasketsUnattributedWhenTheClickIsLaterUnknownOrNotAClick() {
        send(AdEvent.impression("i1", at("10:00:00"), "A", "a1"));
        send(AdEvent.addToBasket("b1", Instant.parse("2026-03-29T10:00:09.999Z"), "c1"));
        send(AdEvent.click("c1", at("10:00:10"), "A", "a1"));
        send(AdEvent.addToBasket("b2", at("10:00:20"), "never-sent"));
        send(AdEvent.addToBasket("b3", at("10:00:30"), "i1"));

        MetricsTruth batch = TruthOracle.compute(deliveries, NO_LATENESS).batch();

        assertThat(batch.campaign(Granularity.MINUTE, "A", at("10:00:00"))).isEqualTo(new Counts(1, 1, 0));
        assertThat(batch.unattributed(Granularity.MINUTE, at("10:00:00"))).isEqualTo(3);
        assertThat(batch.unattributedRows(Granularity.HOUR)).isEqualTo(Map.of(at("10:00:00"), 3L));
    }

    @Test
    void bucketsABasketByItsOwnEventTimeNotItsClicks() {
        send(AdEvent.click("c1", at("10:59:30"), "A", "a1"));
        send(AdEvent.addToBasket("b1", at("11:00:10"), "c1"));

        MetricsTruth batch = TruthOracle.compute(deliveries, NO_LATENESS).batch();

        assertThat(batch.campaign(Granularity.HOUR, "A", at("10:00:00"))).isEqualTo(new Counts(0, 1, 0));
        assertThat(batch.campaign(Granularity.HOUR, "A", at("11:00:00"))).isEqualTo(new Counts(0, 0, 1));
        assertThat(batch.campaign(Granularity.MINUTE, "A", at("11:00:00"))).isEqualTo(new Counts(0, 0, 1));
    }

    @Test
    void putsTheLastMillisecondOfABucketInItAndTheNextInstantInTheNextBucket() {
        send(AdEvent.impression("i1", Instant.parse("2026-03-29T10:59:59.999Z"), "A", "a1"));
        send(AdEvent.impression("i2", at("11:00:00"), "A", "a1"));
        send(AdEvent.impression("i3", Instant.parse("2026-03-29T11:00:59.999Z"), "A", "a1"));

        MetricsTruth batch = TruthOracle.compute(deliveries, NO_LATENESS).batch();

        assertThat(batch.campaign(Granularity.MINUTE, "A", at("10:59:00")).impressions()).isEqualTo(1);
        assertThat(batch.campaign(Granularity.MINUTE, "A", at("11:00:00")).impressions()).isEqualTo(2);
        assertThat(batch.campaign(Granularity.HOUR, "A", at("10:00:00")).impressions()).isEqualTo(1);
        assertThat(batch.campaign(Granularity.HOUR, "A", at("11:00:00")).impressions()).isEqualTo(2);
        assertThat(batch.total("A", Metric.IMPRESSIONS, at("10:59:00"), at("11:00:00"))).isEqualTo(1);
        assertThat(batch.total("A", Metric.IMPRESSIONS, at("10:00:00"), at("12:00:00"))).isEqualTo(3);
    }

    @Test
    void bucketsInstantsBefore1970Downwards() {
        send(AdEvent.impression("i1", Instant.parse("1969-12-31T23:59:59.999Z"), "A", "a1"));

        MetricsTruth batch = TruthOracle.compute(deliveries, NO_LATENESS).batch();

        assertThat(batch.campaignRows(Granularity.HOUR))
                .containsOnlyKeys(new CampaignBucket("A", Instant.parse("1969-12-31T23:00:00Z")));
    }

    @Test
    void perAdRowsAddUpToTheCampaignRows() {
        send(AdEvent.impression("i1", at("10:00:01"), "A", "a1"));
        send(AdEvent.impression("i2", at("10:00:02"), "A", "a2"));
        send(AdEvent.impression("i3", at("10:00:03"), "A", "a2"));
        send(AdEvent.click("c1", at("10:00:04"), "A", "a2"));
        send(AdEvent.impression("i4", at("10:01:00"), "B", "b1"));
        send(AdEvent.click("c2", at("10:01:01"), "B", "b1"));
        send(AdEvent.addToBasket("k1", at("10:02:00"), "c1"));
        send(AdEvent.addToBasket("k2", at("10:02:01"), "c1"));
        send(AdEvent.addToBasket("k3", at("10:03:00"), "c2"));

        MetricsTruth batch = TruthOracle.compute(deliveries, NO_LATENESS).batch();

        assertThat(batch.ad(Granularity.HOUR, "A", "a2", at("10:00:00"))).isEqualTo(new Counts(2, 1, 2));
        assertThat(batch.ad(Granularity.HOUR, "A", "a1", at("10:00:00"))).isEqualTo(new Counts(1, 0, 0));
        assertThat(batch.campaign(Granularity.HOUR, "A", at("10:00:00"))).isEqualTo(new Counts(3, 1, 2));
        assertThat(batch.campaign(Granularity.HOUR, "B", at("10:00:00"))).isEqualTo(new Counts(1, 1, 1));
        for (Granularity granularity : Granularity.values()) {
            batch.campaignRows(granularity).forEach((key, counts) -> {
                long impressions = 0;
                long clicks = 0;
                long baskets = 0;
                for (Map.Entry<AdBucket, Counts> ad : batch.adRows(granularity).entrySet()) {
                    if (ad.getKey().campaignId().equals(key.campaignId())
                            && ad.getKey().bucketStart().equals(key.bucketStart())) {
                        impressions += ad.getValue().impressions();
                        clicks += ad.getValue().clicks();
                        baskets += ad.getValue().clickToBasket();
                    }
                }
                assertThat(new Counts(impressions, clicks, baskets)).as("%s %s", granularity, key).isEqualTo(counts);
            });
        }
    }

    @Test
    void leavesLateEventsOutOfTheSpeedTruthOnly() {
        send(0, AdEvent.impression("i1", at("10:00:00"), "A", "a1"));
        send(0, AdEvent.impression("i2", at("10:30:00"), "A", "a1"));
        send(1, AdEvent.impression("i3", at("10:31:00"), "A", "a1"));
        // 10:10 + L = 10:20 <= lateThreshold(0) = 10:30:00 - 35 s: late.
        send(1, AdEvent.impression("late", at("10:10:00"), "A", "a1"));
        // A copy of an on-time event delivered in phase 1: a duplicate, whatever its lateness.
        send(1, AdEvent.impression("i1", at("10:00:00"), "A", "a1"));

        Truth truth = TruthOracle.compute(deliveries, PHASED);

        assertThat(truth.batch().campaign(Granularity.HOUR, "A", at("10:00:00")).impressions()).isEqualTo(4);
        assertThat(truth.speed().campaign(Granularity.HOUR, "A", at("10:00:00")).impressions()).isEqualTo(3);
        assertThat(truth.speed().campaign(Granularity.MINUTE, "A", at("10:10:00"))).isEqualTo(Counts.ZERO);
        assertThat(truth.batch().campaign(Granularity.MINUTE, "A", at("10:10:00")).impressions()).isEqualTo(1);
        assertThat(truth.lateEvents()).isEqualTo(1);
        assertThat(truth.duplicates()).isEqualTo(1);
        assertThat(truth.phases()).containsExactly(
                new PhaseThreshold(0, at("10:30:00"), at("10:29:25")),
                new PhaseThreshold(1, at("10:31:00"), at("10:30:25")));
    }

    @Test
    void aLateClickLeavesItsBasketUnattributedInTheSpeedTruthOnly() {
        send(0, AdEvent.impression("i1", at("10:00:00"), "A", "a1"));
        send(0, AdEvent.impression("i2", at("10:30:00"), "A", "a1"));
        send(1, AdEvent.click("late-click", at("10:05:00"), "A", "a1"));
        send(1, AdEvent.addToBasket("b1", at("10:31:00"), "late-click"));

        Truth truth = TruthOracle.compute(deliveries, PHASED);

        assertThat(truth.batch().campaign(Granularity.HOUR, "A", at("10:00:00"))).isEqualTo(new Counts(2, 1, 1));
        assertThat(truth.batch().unattributed(Granularity.HOUR, at("10:00:00"))).isZero();
        assertThat(truth.speed().campaign(Granularity.HOUR, "A", at("10:00:00"))).isEqualTo(new Counts(2, 0, 0));
        assertThat(truth.speed().unattributed(Granularity.MINUTE, at("10:31:00"))).isEqualTo(1);
    }

    @Test
    void theFirstCopyDecidesLateness() {
        send(0, AdEvent.impression("i1", at("10:30:00"), "A", "a1"));
        send(1, AdEvent.impression("x", at("10:05:00"), "A", "a1"));
        send(1, AdEvent.impression("x", at("10:31:00"), "B", "b1"));

        Truth truth = TruthOracle.compute(deliveries, PHASED);

        assertThat(truth.speed().campaignRows(Granularity.MINUTE)).containsOnlyKeys(
                new CampaignBucket("A", at("10:30:00")));
        assertThat(truth.batch().campaign(Granularity.MINUTE, "A", at("10:05:00")).impressions()).isEqualTo(1);
        assertThat(truth.batch().campaign(Granularity.MINUTE, "B", at("10:31:00"))).isEqualTo(Counts.ZERO);
    }

    @Test
    void refusesAnEventThatIsNeitherSurelyLateNorSurelyOnTime() {
        send(0, AdEvent.impression("i1", at("10:00:00"), "A", "a1"));
        send(0, AdEvent.impression("i2", at("10:30:00"), "A", "a1"));
        // 10:19:30 + L = 10:29:30: after lateThreshold(0) = 10:29:25, not after 10:30:00 - 5 s.
        send(1, AdEvent.impression("ambiguous", at("10:19:30"), "A", "a1"));

        assertThatThrownBy(() -> TruthOracle.compute(deliveries, PHASED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ambiguous lateness")
                .hasMessageContaining("ambiguous");
    }

    @Test
    void refusesAnEventBehindTheWatermarkInThePhaseWithoutThreshold() {
        send(0, AdEvent.impression("i1", at("10:30:00"), "A", "a1"));
        // 10:19:55 + L = 10:29:55: not after 10:30:00 - 5 s.
        send(0, AdEvent.impression("old", at("10:19:55"), "A", "a1"));

        assertThatThrownBy(() -> TruthOracle.compute(deliveries, PHASED))
                .hasMessageContaining("Ambiguous lateness")
                .hasMessageContaining("phase 0 has no late threshold");
    }

    @Test
    void acceptsAnEventJustInsideTheWatermarkBound() {
        send(0, AdEvent.impression("i1", at("10:30:00"), "A", "a1"));
        // 10:19:55.001 + L = 10:29:55.001: after 10:30:00 - 5 s.
        send(0, AdEvent.impression("i2", Instant.parse("2026-03-29T10:19:55.001Z"), "A", "a1"));

        Truth truth = TruthOracle.compute(deliveries, PHASED);

        assertThat(truth.speed().campaign(Granularity.HOUR, "A", at("10:00:00")).impressions()).isEqualTo(2);
    }

    @Test
    void listsTheExpectedDeadLettersWithAndWithoutEmptyRecords() {
        malformed(RejectionReason.NOT_AN_OBJECT, "[1,2]");
        send(AdEvent.impression("i1", at("10:00:00"), "A", "a1"));
        malformed(RejectionReason.EMPTY_RECORD, " ");
        malformed(RejectionReason.NOT_AN_OBJECT, "42");
        malformed(RejectionReason.TRUNCATED_RECORD, "{\"eventId\":\"x");

        Truth truth = TruthOracle.compute(deliveries, NO_LATENESS);

        assertThat(truth.deadLetters()).extracting(ExpectedDeadLetter::sequence, ExpectedDeadLetter::reason)
                .containsExactly(
                        tuple(0L, RejectionReason.NOT_AN_OBJECT),
                        tuple(2L, RejectionReason.EMPTY_RECORD),
                        tuple(3L, RejectionReason.NOT_AN_OBJECT),
                        tuple(4L, RejectionReason.TRUNCATED_RECORD));
        assertThat(truth.rawZoneDeadLetters()).extracting(ExpectedDeadLetter::reason).containsExactly(
                RejectionReason.NOT_AN_OBJECT, RejectionReason.NOT_AN_OBJECT, RejectionReason.TRUNCATED_RECORD);
        assertThat(truth.malformedByReason()).containsExactly(
                Map.entry(RejectionReason.EMPTY_RECORD, 1L),
                Map.entry(RejectionReason.TRUNCATED_RECORD, 1L),
                Map.entry(RejectionReason.NOT_AN_OBJECT, 2L));
        assertThat(truth.distinctEvents()).isEqualTo(1);
    }

    @Test
    void sumsRangesOfWholeMinutesAndRefusesOtherBoundaries() {
        send(AdEvent.click("c1", at("10:00:00"), "A", "a1"));
        send(AdEvent.click("c2", at("10:01:30"), "A", "a1"));
        send(AdEvent.click("c3", at("10:02:00"), "B", "b1"));
        send(AdEvent.addToBasket("k1", at("10:02:30"), "c2"));
        send(AdEvent.addToBasket("k2", at("10:03:30"), "nope"));

        MetricsTruth batch = TruthOracle.compute(deliveries, NO_LATENESS).batch();

        assertThat(batch.total("A", Metric.CLICKS, at("10:00:00"), at("10:02:00"))).isEqualTo(2);
        assertThat(batch.total("A", Metric.CLICKS, at("10:01:00"), at("10:01:00"))).isZero();
        assertThat(batch.total("A", Metric.CLICK_TO_BASKET, at("10:00:00"), at("11:00:00"))).isEqualTo(1);
        assertThat(batch.totalUnattributed(at("10:00:00"), at("10:03:00"))).isZero();
        assertThat(batch.totalUnattributed(at("10:00:00"), at("10:04:00"))).isEqualTo(1);
        assertThatThrownBy(() -> batch.total("A", Metric.CLICKS, at("10:00:30"), at("10:02:00")))
                .hasMessage("Invalid bucket start: 2026-03-29T10:00:30Z (must be the start of a UTC minute)");
        assertThatThrownBy(() -> batch.campaign(Granularity.HOUR, "A", at("10:01:00")))
                .hasMessage("Invalid bucket start: 2026-03-29T10:01:00Z (must be the start of a UTC hour)");
        assertThatThrownBy(() -> batch.total("A", Metric.CLICKS, at("10:02:00"), at("10:00:00")))
                .hasMessageContaining("ends before it starts");
    }

    @Test
    void refusesDeliveriesOutOfArrivalOrder() {
        deliveries.add(Delivery.valid(5, 0, DeliveryKind.FIRST_COPY, AdEvent.impression("i1", at("10:00:00"), "A",
                "a1"), new byte[0]));
        deliveries.add(Delivery.valid(5, 0, DeliveryKind.FIRST_COPY, AdEvent.impression("i2", at("10:00:00"), "A",
                "a1"), new byte[0]));
        assertThatThrownBy(() -> TruthOracle.compute(deliveries, NO_LATENESS))
                .hasMessage("Deliveries out of arrival order: sequence 5 after 5");

        deliveries.clear();
        send(1, AdEvent.impression("i1", at("10:00:00"), "A", "a1"));
        send(0, AdEvent.impression("i2", at("10:00:00"), "A", "a1"));
        assertThatThrownBy(() -> TruthOracle.compute(deliveries, NO_LATENESS))
                .hasMessageContaining("Deliveries go back from phase 1 to phase 0");
    }

    private void send(AdEvent event) {
        send(0, event);
    }

    private void send(int phase, AdEvent event) {
        byte[] payload = ("{\"eventId\":\"" + event.eventId() + "\"}").getBytes(StandardCharsets.UTF_8);
        deliveries.add(Delivery.valid(deliveries.size(), phase, DeliveryKind.FIRST_COPY, event, payload));
    }

    private void malformed(RejectionReason reason, String payload) {
        deliveries.add(Delivery.malformed(deliveries.size(), 0, "bad-" + deliveries.size(), reason,
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static Instant at(String utcTimeOfDay) {
        return Instant.parse("2026-03-29T" + utcTimeOfDay + "Z");
    }
}
