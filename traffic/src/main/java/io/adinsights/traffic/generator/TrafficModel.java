package io.adinsights.traffic.generator;

import io.adinsights.schemas.event.AdEvent;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The on-time events of a scenario, in event-time order. Sessions start as a Poisson process: an impression, maybe
 * a click a little later, maybe baskets after the click (from seconds to beyond the attribution window). Follow-up
 * events wait in a queue ordered by event time, so memory is bounded by rate times the longest delay, never by the
 * length of the scenario. Also makes the events of late producers, which the delivery stream sends in later phases.
 */
final class TrafficModel {

    /** What an on-time event needs from the delivery stream. */
    enum Role {
        PLAIN,
        /** A basket that must be delivered before its click: never held back. */
        EARLY_BASKET,
        /** A click held back until its early basket has been delivered. */
        HELD_CLICK
    }

    /** An event waiting for its turn; {@code order} breaks ties in event time deterministically. */
    record Scheduled(long time, long order, AdEvent event, Role role) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private static final long CLICK_DELAY_MIN_MILLIS = 1_000;
    private static final long CLICK_DELAY_MAX_MILLIS = 120_000;
    private static final long BASKET_DELAY_MIN_MILLIS = 1_000;
    private static final long CLOCK_SKEW_MAX_MILLIS = 30_000;
    private static final long LATE_BASKET_DELAY_MAX_MILLIS = 60_000;
    private static final int MAX_EXTRA_BASKETS = 3;
    /** Share of baskets exactly at an edge of the window (0 or W; W + 1 ms beyond it): boundary coverage. */
    private static final double WINDOW_EDGE_SHARE = 0.02;
    /** Share of impressions and clicks at a whole second, so eventTime is also written without a fraction. */
    private static final double WHOLE_SECOND_SHARE = 0.2;
    private static final double USER_SHARE = 0.85;
    private static final double RETAILER_SHARE = 0.8;
    private static final double PLACEMENT_SHARE = 0.9;
    private static final double PRODUCT_SHARE_BEFORE_BASKET = 0.4;
    private static final double PRODUCT_SHARE_IN_BASKET = 0.95;
    private static final double QUANTITY_SHARE = 0.75;
    private static final double LATE_IMPRESSION_SHARE = 0.7;
    private static final double LATE_CLICK_WITH_LATE_BASKET_SHARE = 0.15;

    private final TrafficConfig config;
    private final Catalog catalog;
    private final EventIds ids;
    private final SplittableRandom random;
    private final PriorityQueue<Scheduled> pending = new PriorityQueue<>();
    private final long startMillis;
    private final long windowMillis;
    private final double meanSessionGapMillis;
    private double nextSessionOffsetMillis;
    private long order;

    TrafficModel(TrafficConfig config, Catalog catalog, EventIds ids, SplittableRandom random) {
        this.config = config;
        this.catalog = catalog;
        this.ids = ids;
        this.random = random;
        this.startMillis = config.start().toEpochMilli();
        this.windowMillis = config.attributionWindow().toMillis();
        double basketsPerBasketClick = 1 + config.multiBasketRate() * (1 + MAX_EXTRA_BASKETS) / 2.0;
        double eventsPerSession = 1 + config.clickThroughRate() * (1 + config.basketRate() * basketsPerBasketClick);
        this.meanSessionGapMillis = 1000.0 * eventsPerSession / config.eventsPerSecond();
    }

    /** The next on-time event: never earlier than the one before. */
    Scheduled next() {
        while (pending.isEmpty() || pending.peek().time() > nextSessionTime()) {
            startSession(nextSessionTime());
            nextSessionOffsetMillis -= StrictMath.log(1 - random.nextDouble()) * meanSessionGapMillis;
        }
        return pending.poll();
    }

    /** How many events wait in the queue: bounded by rate times the longest delay. */
    int pendingEvents() {
        return pending.size();
    }

    /**
     * The events of one late producer, all with eventTime at most {@code newestMillis}: an impression, a click and
     * its basket, or a click whose basket comes on time (scheduled here), which the speed layer cannot attribute.
     */
    List<AdEvent> lateEvents(long oldestMillis, long newestMillis) {
        int campaign = catalog.campaign(random);
        String campaignId = catalog.campaignId(campaign);
        String adId = catalog.adId(campaign, random);
        String userId = maybe(USER_SHARE, catalog.userId(random));
        long time = oldestMillis + random.nextLong(newestMillis - oldestMillis + 1);
        double kind = random.nextDouble();
        if (kind < LATE_IMPRESSION_SHARE) {
            return List.of(AdEvent.impression(ids.next(), Instant.ofEpochMilli(time), campaignId, adId)
                    .withContext(userId, catalog.retailerId(campaign), null, catalog.placement(random)));
        }
        if (kind < LATE_IMPRESSION_SHARE + LATE_CLICK_WITH_LATE_BASKET_SHARE) {
            long clickTime = time - 1 - random.nextLong(LATE_BASKET_DELAY_MAX_MILLIS);
            AdEvent click = AdEvent.click(ids.next(), Instant.ofEpochMilli(clickTime), campaignId, adId)
                    .withContext(userId, catalog.retailerId(campaign), null, catalog.placement(random));
            return List.of(click, basket(click, time, campaign, userId));
        }
        AdEvent click = AdEvent.click(ids.next(), Instant.ofEpochMilli(time), campaignId, adId)
                .withContext(userId, catalog.retailerId(campaign), null, catalog.placement(random));
        long basketTime = nextSessionTime() + 1 + random.nextLong(LATE_BASKET_DELAY_MAX_MILLIS);
        schedule(basket(click, basketTime, campaign, userId), Role.PLAIN);
        return List.of(click);
    }

    private long nextSessionTime() {
        return startMillis + (long) nextSessionOffsetMillis;
    }

    private void startSession(long sessionTime) {
        int campaign = catalog.campaign(random);
        String campaignId = catalog.campaignId(campaign);
        String adId = catalog.adId(campaign, random);
        String userId = maybe(USER_SHARE, catalog.userId(random));
        String retailerId = maybe(RETAILER_SHARE, catalog.retailerId(campaign));
        String productId = maybe(PRODUCT_SHARE_BEFORE_BASKET, catalog.productId(random));
        String placement = maybe(PLACEMENT_SHARE, catalog.placement(random));
        long impressionTime = maybeWholeSecond(sessionTime);
        schedule(AdEvent.impression(ids.next(), Instant.ofEpochMilli(impressionTime), campaignId, adId)
                .withContext(userId, retailerId, productId, placement), Role.PLAIN);
        if (random.nextDouble() >= config.clickThroughRate()) {
            return;
        }
        long clickTime = maybeWholeSecond(impressionTime
                + logUniform(CLICK_DELAY_MIN_MILLIS, CLICK_DELAY_MAX_MILLIS));
        AdEvent click = AdEvent.click(ids.next(), Instant.ofEpochMilli(clickTime), campaignId, adId)
                .withContext(userId, retailerId, productId, placement);
        if (random.nextDouble() >= config.basketRate()) {
            schedule(click, Role.PLAIN);
            return;
        }
        boolean orphan = random.nextDouble() < config.orphanBasketRate();
        // The click's place in the queue comes before its baskets': one in the click's own millisecond follows it.
        long clickOrder = order++;
        boolean clickHeld = scheduleBaskets(click, clickTime - impressionTime, campaign, userId, orphan);
        // An orphan's click is never sent: its baskets name an eventId that never arrives.
        if (!orphan) {
            pending.add(new Scheduled(clickTime, clickOrder, click, clickHeld ? Role.HELD_CLICK : Role.PLAIN));
        }
    }

    /**
     * One to a few baskets after a click: beyond the window, before the click's eventTime (clock skew), arriving
     * before the click, or within the window. Returns whether the click must be held back for an early basket.
     */
    private boolean scheduleBaskets(AdEvent click, long clickAfterImpressionMillis, int campaign, String userId,
            boolean orphan) {
        long clickTime = click.eventTime().toEpochMilli();
        int baskets = random.nextDouble() < config.multiBasketRate() ? 2 + random.nextInt(MAX_EXTRA_BASKETS) : 1;
        double beyondWindow = config.basketBeyondWindowRate();
        double clockSkew = beyondWindow + config.clockSkewBasketRate();
        double beforeClick = clockSkew + config.basketBeforeClickRate();
        boolean clickHeld = false;
        for (int i = 0; i < baskets; i++) {
            double kind = random.nextDouble();
            long delay;
            boolean arrivesFirst = false;
            if (kind < beyondWindow) {
                delay = windowMillis + 1 + (random.nextDouble() < WINDOW_EDGE_SHARE ? 0
                        : random.nextLong(windowMillis));
            } else if (kind < clockSkew) {
                // Never before the impression: the session's events stay after its start.
                delay = -1 - random.nextLong(Math.min(CLOCK_SKEW_MAX_MILLIS, clickAfterImpressionMillis));
            } else if (kind < beforeClick && !orphan && !clickHeld) {
                delay = random.nextLong(config.maxDisorder().toMillis() / 2 + 1);
                arrivesFirst = true;
                clickHeld = true;
            } else {
                delay = delayWithinWindow();
            }
            schedule(basket(click, clickTime + delay, campaign, userId), arrivesFirst ? Role.EARLY_BASKET : Role.PLAIN);
        }
        return clickHeld;
    }

    /** Log-uniform from a second to W, with a few exactly at 0 and at W. */
    private long delayWithinWindow() {
        if (random.nextDouble() < WINDOW_EDGE_SHARE) {
            return random.nextBoolean() ? windowMillis : 0;
        }
        return logUniform(Math.min(BASKET_DELAY_MIN_MILLIS, windowMillis), windowMillis);
    }

    private AdEvent basket(AdEvent click, long time, int campaign, String userId) {
        AdEvent basket = AdEvent.addToBasket(ids.next(), Instant.ofEpochMilli(time), click.eventId())
                .withContext(userId, maybe(RETAILER_SHARE, catalog.retailerId(campaign)),
                        maybe(PRODUCT_SHARE_IN_BASKET, click.productId() != null && random.nextBoolean()
                                ? click.productId() : catalog.productId(random)), null);
        return random.nextDouble() < QUANTITY_SHARE ? basket.withQuantity(quantity()) : basket;
    }

    private int quantity() {
        double draw = random.nextDouble();
        return draw < 0.6 ? 1 : draw < 0.85 ? 2 : 3 + random.nextInt(8);
    }

    private void schedule(AdEvent event, Role role) {
        pending.add(new Scheduled(event.eventTime().toEpochMilli(), order++, event, role));
    }

    /** Rounds up, never down: a session's events must not move before the session starts. */
    private long maybeWholeSecond(long millis) {
        return random.nextDouble() < WHOLE_SECOND_SHARE ? Math.floorDiv(millis + 999, 1000) * 1000 : millis;
    }

    private long logUniform(long min, long max) {
        double log = StrictMath.log(min) + random.nextDouble() * (StrictMath.log(max) - StrictMath.log(min));
        return Math.max(min, Math.min(max, Math.round(StrictMath.exp(log))));
    }

    private String maybe(double share, String value) {
        return random.nextDouble() < share ? value : null;
    }
}
