package io.adinsights.traffic.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.validation.RejectionReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of messiness is there, at about its configured rate, within the bounds that keep lateness exact. */
class MessinessTest {

    /** Rates well above the defaults, so each is measured on hundreds of cases; a short W, so baskets beyond fit. */
    private static final TrafficConfig CONFIG = TrafficConfig.messy().toBuilder()
            .events(50_000)
            .eventsPerSecond(5)
            .attributionWindow(Duration.ofMinutes(10))
            .clickThroughRate(0.1)
            .basketRate(0.5)
            .nearDuplicateRate(0.05)
            .farDuplicateRate(0.02)
            .farDuplicateMaxDistance(5_000)
            .outOfOrderRate(0.1)
            .basketBeforeClickRate(0.2)
            .orphanBasketRate(0.1)
            .basketBeyondWindowRate(0.1)
            .clockSkewBasketRate(0.05)
            .lateRate(0.01)
            .malformedRate(0.02)
            .oversizedRecords(2)
            .phases(4)
            .build();
    private static final double RELATIVE_TOLERANCE = 0.2;

    private static final Map<DeliveryKind, Long> KINDS = new EnumMap<>(DeliveryKind.class);
    private static final Map<String, AdEvent> CLICKS = new HashMap<>();
    private static final Map<String, Long> CLICK_SEQUENCE = new HashMap<>();
    private static final Map<String, Long> FIRST_BASKET_SEQUENCE = new HashMap<>();
    private static final Map<AdEvent, Long> BASKETS = new HashMap<>();
    private static final Set<String> LATE_EVENT_IDS = new HashSet<>();
    private static long onTimeFirstCopies;
    private static long onTimeFirstCopiesAfterPhase0;
    private static long oversized;
    private static long mostDisplacedMillis;

    @BeforeAll
    static void generate() {
        long newestMillis = Long.MIN_VALUE;
        for (Delivery delivery : Scenario.of(CONFIG)) {
            KINDS.merge(delivery.kind(), 1L, Long::sum);
            if (delivery.expectedRejection() == RejectionReason.RECORD_TOO_LARGE) {
                oversized++;
            }
            if (!delivery.isValid() || !delivery.kind().isFirstCopy()) {
                continue;
            }
            AdEvent event = delivery.event();
            long time = event.eventTime().toEpochMilli();
            if (delivery.kind() == DeliveryKind.LATE) {
                LATE_EVENT_IDS.add(event.eventId());
            } else {
                onTimeFirstCopies++;
                onTimeFirstCopiesAfterPhase0 += delivery.phase() > 0 ? 1 : 0;
                if (newestMillis != Long.MIN_VALUE) {
                    mostDisplacedMillis = Math.max(mostDisplacedMillis, newestMillis - time);
                }
                newestMillis = Math.max(newestMillis, time);
            }
            if (event.eventType() == EventType.CLICK) {
                CLICKS.put(event.eventId(), event);
                CLICK_SEQUENCE.put(event.eventId(), delivery.sequence());
            } else if (event.eventType() == EventType.ADD_TO_BASKET) {
                BASKETS.put(event, delivery.sequence());
                FIRST_BASKET_SEQUENCE.merge(event.clickId(), delivery.sequence(), Math::min);
            }
        }
    }

    @Test
    void duplicatesAtTheirRates() {
        long firstCopies = onTimeFirstCopies + KINDS.get(DeliveryKind.LATE);

        assertRate(KINDS.get(DeliveryKind.NEAR_DUPLICATE), firstCopies, CONFIG.nearDuplicateRate());
        assertRate(KINDS.get(DeliveryKind.FAR_DUPLICATE), firstCopies, CONFIG.farDuplicateRate());
    }

    @Test
    void outOfOrderEventsAtTheirRateAndNeverMoreThanMaxDisorderBehind() {
        assertRate(KINDS.get(DeliveryKind.DELAYED), onTimeFirstCopies, CONFIG.outOfOrderRate());
        assertThat(mostDisplacedMillis).isPositive().isLessThanOrEqualTo(CONFIG.maxDisorder().toMillis());
    }

    @Test
    void lateEventsAtTheirRateInLaterPhases() {
        // A late producer sends an impression, a click, or a click and its basket.
        assertRate(KINDS.get(DeliveryKind.LATE), onTimeFirstCopiesAfterPhase0, CONFIG.lateRate() * 1.15);
    }

    @Test
    void malformedRecordsAtTheirRate() {
        long firstCopies = onTimeFirstCopies + KINDS.get(DeliveryKind.LATE);

        assertRate(KINDS.get(DeliveryKind.MALFORMED) - oversized, firstCopies, CONFIG.malformedRate());
        assertThat(oversized).isEqualTo(CONFIG.oversizedRecords());
    }

    @Test
    void basketsBeforeTheirClickOrphanedBeyondTheWindowAndBeforeTheClickTime() {
        long clicksWithBaskets = FIRST_BASKET_SEQUENCE.size();
        long orphanClicks = FIRST_BASKET_SEQUENCE.keySet().stream().filter(id -> !CLICKS.containsKey(id)).count();
        long baskets = 0;
        long arrivedBeforeClick = 0;
        long beyondWindow = 0;
        long beforeClickTime = 0;
        for (Map.Entry<AdEvent, Long> sent : BASKETS.entrySet()) {
            AdEvent basket = sent.getKey();
            AdEvent click = CLICKS.get(basket.clickId());
            if (click == null || LATE_EVENT_IDS.contains(click.eventId())) {
                continue;
            }
            baskets++;
            long delay = basket.eventTime().toEpochMilli() - click.eventTime().toEpochMilli();
            beyondWindow += delay > CONFIG.attributionWindow().toMillis() ? 1 : 0;
            beforeClickTime += delay < 0 ? 1 : 0;
            boolean arrivedFirst = sent.getValue() < CLICK_SEQUENCE.get(click.eventId());
            arrivedBeforeClick += arrivedFirst && delay >= 0 ? 1 : 0;
        }

        assertRate(orphanClicks, clicksWithBaskets, CONFIG.orphanBasketRate());
        assertRate(arrivedBeforeClick, baskets, CONFIG.basketBeforeClickRate());
        assertRate(beyondWindow, baskets, CONFIG.basketBeyondWindowRate());
        assertRate(beforeClickTime, baskets, CONFIG.clockSkewBasketRate());
    }

    private static void assertRate(long count, long population, double expectedRate) {
        assertThat(count).as("count").isGreaterThan(100);
        assertThat((double) count / population).as("%d of %d", count, population)
                .isCloseTo(expectedRate, within(expectedRate * RELATIVE_TOLERANCE));
    }
}
