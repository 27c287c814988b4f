package io.adinsights.traffic.generator;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.AllowedLateness;
import io.adinsights.schemas.rules.AttributionWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Everything a scenario is made from: the same config (seed included) always gives byte-identical deliveries.
 * Rates are probabilities in [0, 1]; 0 disables that kind of messiness. Build one with {@link #builder()}, or start
 * from a preset: {@link #messy()} (the defaults: every kind of messiness at a realistic rate) or {@link #clean()}.
 *
 * @param seed                       seeds every random choice
 * @param start                      event time of the first event
 * @param events                     how many distinct on-time events to generate (late events, duplicates and
 *                                   malformed records come on top, at their rates)
 * @param eventsPerSecond            about how many on-time events per second of event time
 * @param campaigns                  how many campaigns
 * @param campaignPopularityExponent Zipf exponent of campaign popularity (0 = all equally popular)
 * @param maxAdsPerCampaign          each campaign has 1 to this many ads
 * @param retailers                  how many retailers run the campaigns
 * @param users                      size of the user population
 * @param products                   size of the product catalog
 * @param clickThroughRate           share of impressions followed by a click
 * @param basketRate                 share of clicks followed by at least one add_to_basket
 * @param multiBasketRate            share of those clicks followed by 2 to 4 baskets instead of 1
 * @param attributionWindow          W: baskets are generated around it (within, exactly at, beyond)
 * @param nearDuplicateRate          share of events delivered once more, 1 to nearDuplicateMaxDistance deliveries
 *                                   after the first copy
 * @param nearDuplicateMaxDistance   see nearDuplicateRate
 * @param farDuplicateRate           share of events delivered once more, farDuplicateMinDistance to
 *                                   farDuplicateMaxDistance deliveries later (possibly in a later phase; at the
 *                                   end of the scenario when it is shorter than that)
 * @param farDuplicateMinDistance    see farDuplicateRate
 * @param farDuplicateMaxDistance    see farDuplicateRate
 * @param outOfOrderRate             share of on-time events held back by up to maxDisorder of event time
 * @param maxDisorder                the most an on-time event arrives behind the newest event before it; must be
 *                                   below watermarkBound so that it is surely on time
 * @param basketBeforeClickRate      share of baskets that arrive before their click: at most maxDisorder/2 after it
 *                                   in event time, so the click, held back that long, is still on time (at most
 *                                   one per click, never for orphans)
 * @param orphanBasketRate           share of clicks with baskets that are never sent: their baskets name an
 *                                   eventId that never arrives
 * @param basketBeyondWindowRate     share of baskets more than W after their click
 * @param clockSkewBasketRate        share of baskets whose eventTime is before their click's (producer clocks
 *                                   disagree); they are unattributed
 * @param lateRate                   per on-time event of phases 1 and later, the chance of one late event (a late
 *                                   click may bring a basket)
 * @param malformedRate              per event delivered for the first time, the chance that a malformed record of a
 *                                   random reason (all but RECORD_TOO_LARGE) comes just before it
 * @param oversizedRecords           how many records over 1 MiB the scenario holds (a count, not a rate: they are
 *                                   heavy)
 * @param phases                     how many consecutive slices of event time the scenario is cut into
 * @param watermarkBound             the speed layer's bounded out-of-orderness
 * @param thresholdMargin            subtracted from each late threshold, for stream partitions behind the newest
 * @param allowedLateness            L, the speed layer's allowed lateness
 * @param lateClearanceMin           a late event is at least this much older than the lateness bound...
 * @param lateClearanceMax           ...and at most this much
 */
public record TrafficConfig(
        long seed,
        Instant start,
        long events,
        double eventsPerSecond,
        int campaigns,
        double campaignPopularityExponent,
        int maxAdsPerCampaign,
        int retailers,
        int users,
        int products,
        double clickThroughRate,
        double basketRate,
        double multiBasketRate,
        Duration attributionWindow,
        double nearDuplicateRate,
        int nearDuplicateMaxDistance,
        double farDuplicateRate,
        int farDuplicateMinDistance,
        int farDuplicateMaxDistance,
        double outOfOrderRate,
        Duration maxDisorder,
        double basketBeforeClickRate,
        double orphanBasketRate,
        double basketBeyondWindowRate,
        double clockSkewBasketRate,
        double lateRate,
        double malformedRate,
        int oversizedRecords,
        int phases,
        Duration watermarkBound,
        Duration thresholdMargin,
        Duration allowedLateness,
        Duration lateClearanceMin,
        Duration lateClearanceMax) {

    public static final long SEED_DEFAULT = 1L;
    /** A fixed past instant (the EU daylight-saving change of 2026). Stores with a TTL need a recent start. */
    public static final Instant START_DEFAULT = Instant.parse("2026-03-29T00:00:00Z");
    public static final long EVENTS_DEFAULT = ScenarioSize.MEDIUM.events();
    public static final double EVENTS_PER_SECOND_DEFAULT = ScenarioSize.MEDIUM.eventsPerSecond();
    public static final int CAMPAIGNS_DEFAULT = 200;
    public static final double CAMPAIGN_POPULARITY_EXPONENT_DEFAULT = 1.1;
    public static final int MAX_ADS_PER_CAMPAIGN_DEFAULT = 8;
    public static final int RETAILERS_DEFAULT = 6;
    public static final int USERS_DEFAULT = 100_000;
    public static final int PRODUCTS_DEFAULT = 20_000;
    public static final double CLICK_THROUGH_RATE_DEFAULT = 0.03;
    public static final double BASKET_RATE_DEFAULT = 0.2;
    public static final double MULTI_BASKET_RATE_DEFAULT = 0.15;
    public static final Duration ATTRIBUTION_WINDOW_DEFAULT = AttributionWindow.LENGTH_DEFAULT;
    public static final double NEAR_DUPLICATE_RATE_DEFAULT = 0.01;
    public static final int NEAR_DUPLICATE_MAX_DISTANCE_DEFAULT = 10;
    public static final double FAR_DUPLICATE_RATE_DEFAULT = 0.002;
    public static final int FAR_DUPLICATE_MIN_DISTANCE_DEFAULT = 1_000;
    public static final int FAR_DUPLICATE_MAX_DISTANCE_DEFAULT = 50_000;
    public static final double OUT_OF_ORDER_RATE_DEFAULT = 0.05;
    public static final Duration MAX_DISORDER_DEFAULT = Duration.ofSeconds(3);
    public static final double BASKET_BEFORE_CLICK_RATE_DEFAULT = 0.05;
    public static final double ORPHAN_BASKET_RATE_DEFAULT = 0.02;
    public static final double BASKET_BEYOND_WINDOW_RATE_DEFAULT = 0.05;
    public static final double CLOCK_SKEW_BASKET_RATE_DEFAULT = 0.01;
    public static final double LATE_RATE_DEFAULT = 0.002;
    public static final double MALFORMED_RATE_DEFAULT = 0.002;
    public static final int OVERSIZED_RECORDS_DEFAULT = 1;
    public static final int PHASES_DEFAULT = 3;
    public static final Duration WATERMARK_BOUND_DEFAULT = Duration.ofSeconds(5);
    public static final Duration THRESHOLD_MARGIN_DEFAULT = Duration.ofSeconds(30);
    public static final Duration ALLOWED_LATENESS_DEFAULT = AllowedLateness.DEFAULT;
    public static final Duration LATE_CLEARANCE_MIN_DEFAULT = Duration.ofMinutes(5);
    public static final Duration LATE_CLEARANCE_MAX_DEFAULT = Duration.ofMinutes(60);

    /** Keeps phase arithmetic (events * phases) far from overflow. */
    private static final long MAX_EVENTS = 1_000_000_000_000L;
    private static final int MAX_PHASES = 10_000;
    private static final int MAX_OVERSIZED_RECORDS = 1_000;
    /** Malformed records put an eventTime 10 years after start, and it must stay a 4-digit year. */
    private static final int MAX_START_YEAR = 9_000;

    public TrafficConfig {
        requireNonNull(start, "start is null");
        requireNonNull(attributionWindow, "attributionWindow is null");
        requireNonNull(maxDisorder, "maxDisorder is null");
        requireNonNull(watermarkBound, "watermarkBound is null");
        requireNonNull(thresholdMargin, "thresholdMargin is null");
        requireNonNull(allowedLateness, "allowedLateness is null");
        requireNonNull(lateClearanceMin, "lateClearanceMin is null");
        requireNonNull(lateClearanceMax, "lateClearanceMax is null");
        int startYear = start.atOffset(ZoneOffset.UTC).getYear();
        check(startYear >= 1970 && startYear <= MAX_START_YEAR && start.getNano() % 1_000_000 == 0,
                "start", start, "a whole millisecond in the years 1970 to " + MAX_START_YEAR);
        check(events >= 1 && events <= MAX_EVENTS, "events", events, "from 1 to " + MAX_EVENTS);
        check(eventsPerSecond > 0 && Double.isFinite(eventsPerSecond), "eventsPerSecond", eventsPerSecond, "> 0");
        check(campaigns >= 1, "campaigns", campaigns, ">= 1");
        check(campaignPopularityExponent >= 0 && Double.isFinite(campaignPopularityExponent),
                "campaignPopularityExponent", campaignPopularityExponent, ">= 0");
        check(maxAdsPerCampaign >= 1, "maxAdsPerCampaign", maxAdsPerCampaign, ">= 1");
        check(retailers >= 1, "retailers", retailers, ">= 1");
        check(users >= 1, "users", users, ">= 1");
        check(products >= 1, "products", products, ">= 1");
        checkRate("clickThroughRate", clickThroughRate);
        checkRate("basketRate", basketRate);
        checkRate("multiBasketRate", multiBasketRate);
        checkPositive("attributionWindow", attributionWindow);
        checkRate("nearDuplicateRate", nearDuplicateRate);
        check(nearDuplicateMaxDistance >= 1, "nearDuplicateMaxDistance", nearDuplicateMaxDistance, ">= 1");
        checkRate("farDuplicateRate", farDuplicateRate);
        check(farDuplicateMinDistance >= 1, "farDuplicateMinDistance", farDuplicateMinDistance, ">= 1");
        check(farDuplicateMaxDistance >= farDuplicateMinDistance, "farDuplicateMaxDistance",
                farDuplicateMaxDistance, ">= farDuplicateMinDistance " + farDuplicateMinDistance);
        checkRate("outOfOrderRate", outOfOrderRate);
        checkNotNegative("maxDisorder", maxDisorder);
        checkRate("basketBeforeClickRate", basketBeforeClickRate);
        checkRate("orphanBasketRate", orphanBasketRate);
        checkRate("basketBeyondWindowRate", basketBeyondWindowRate);
        checkRate("clockSkewBasketRate", clockSkewBasketRate);
        double basketShares = basketBeyondWindowRate + clockSkewBasketRate + basketBeforeClickRate;
        check(basketShares <= 1, "basketBeyondWindowRate + clockSkewBasketRate + basketBeforeClickRate",
                basketShares, "<= 1");
        checkRate("lateRate", lateRate);
        checkRate("malformedRate", malformedRate);
        check(oversizedRecords >= 0 && oversizedRecords <= MAX_OVERSIZED_RECORDS, "oversizedRecords",
                oversizedRecords, "from 0 to " + MAX_OVERSIZED_RECORDS);
        check(phases >= 1 && phases <= MAX_PHASES, "phases", phases, "from 1 to " + MAX_PHASES);
        check(events >= phases, "events", events, ">= phases " + phases + ", so that every phase has events");
        checkPositive("watermarkBound", watermarkBound);
        checkNotNegative("thresholdMargin", thresholdMargin);
        checkNotNegative("allowedLateness", allowedLateness);
        checkNotNegative("lateClearanceMin", lateClearanceMin);
        check(lateClearanceMax.compareTo(lateClearanceMin) >= 0, "lateClearanceMax", lateClearanceMax,
                ">= lateClearanceMin " + lateClearanceMin);
        checkMillis("lateClearanceMax", lateClearanceMax);
        // An event displaced by less than the watermark bound can never be late: that is what keeps lateness exact.
        check(maxDisorder.compareTo(watermarkBound) < 0, "maxDisorder", maxDisorder,
                "< watermarkBound " + watermarkBound);
        check(outOfOrderRate == 0 || maxDisorder.toMillis() >= 1, "maxDisorder", maxDisorder,
                ">= 1 ms when outOfOrderRate > 0");
        check(basketBeforeClickRate == 0 || maxDisorder.toMillis() >= 2, "maxDisorder", maxDisorder,
                ">= 2 ms when basketBeforeClickRate > 0 (the basket comes at most maxDisorder/2 after its click)");
    }

    /** The defaults: a medium-sized scenario with every kind of messiness at a realistic rate. */
    public static TrafficConfig messy() {
        return builder().build();
    }

    /** The defaults without any messiness: every event once, in order, on time, well-formed. */
    public static TrafficConfig clean() {
        return builder()
                .nearDuplicateRate(0)
                .farDuplicateRate(0)
                .outOfOrderRate(0)
                .basketBeforeClickRate(0)
                .orphanBasketRate(0)
                .basketBeyondWindowRate(0)
                .clockSkewBasketRate(0)
                .lateRate(0)
                .malformedRate(0)
                .oversizedRecords(0)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void checkRate(String name, double rate) {
        check(rate >= 0 && rate <= 1, name, rate, "from 0 to 1");
    }

    private static void checkPositive(String name, Duration duration) {
        check(!duration.isNegative() && !duration.isZero(), name, duration, "> 0");
        checkMillis(name, duration);
    }

    private static void checkNotNegative(String name, Duration duration) {
        check(!duration.isNegative(), name, duration, ">= 0");
        checkMillis(name, duration);
    }

    private static void checkMillis(String name, Duration duration) {
        check(duration.getNano() % 1_000_000 == 0, name, duration, "a whole number of milliseconds");
    }

    private static void check(boolean valid, String name, Object value, String rule) {
        if (!valid) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be " + rule + ")");
        }
    }

    /** Starts from the defaults ({@link #messy()}); every setter names a component of {@link TrafficConfig}. */
    public static final class Builder {
        private long seed = SEED_DEFAULT;
        private Instant start = START_DEFAULT;
        private long events = EVENTS_DEFAULT;
        private double eventsPerSecond = EVENTS_PER_SECOND_DEFAULT;
        private int campaigns = CAMPAIGNS_DEFAULT;
        private double campaignPopularityExponent = CAMPAIGN_POPULARITY_EXPONENT_DEFAULT;
        private int maxAdsPerCampaign = MAX_ADS_PER_CAMPAIGN_DEFAULT;
        private int retailers = RETAILERS_DEFAULT;
        private int users = USERS_DEFAULT;
        private int products = PRODUCTS_DEFAULT;
        private double clickThroughRate = CLICK_THROUGH_RATE_DEFAULT;
        private double basketRate = BASKET_RATE_DEFAULT;
        private double multiBasketRate = MULTI_BASKET_RATE_DEFAULT;
        private Duration attributionWindow = ATTRIBUTION_WINDOW_DEFAULT;
        private double nearDuplicateRate = NEAR_DUPLICATE_RATE_DEFAULT;
        private int nearDuplicateMaxDistance = NEAR_DUPLICATE_MAX_DISTANCE_DEFAULT;
        private double farDuplicateRate = FAR_DUPLICATE_RATE_DEFAULT;
        private int farDuplicateMinDistance = FAR_DUPLICATE_MIN_DISTANCE_DEFAULT;
        private int farDuplicateMaxDistance = FAR_DUPLICATE_MAX_DISTANCE_DEFAULT;
        private double outOfOrderRate = OUT_OF_ORDER_RATE_DEFAULT;
        private Duration maxDisorder = MAX_DISORDER_DEFAULT;
        private double basketBeforeClickRate = BASKET_BEFORE_CLICK_RATE_DEFAULT;
        private double orphanBasketRate = ORPHAN_BASKET_RATE_DEFAULT;
        private double basketBeyondWindowRate = BASKET_BEYOND_WINDOW_RATE_DEFAULT;
        private double clockSkewBasketRate = CLOCK_SKEW_BASKET_RATE_DEFAULT;
        private double lateRate = LATE_RATE_DEFAULT;
        private double malformedRate = MALFORMED_RATE_DEFAULT;
        private int oversizedRecords = OVERSIZED_RECORDS_DEFAULT;
        private int phases = PHASES_DEFAULT;
        private Duration watermarkBound = WATERMARK_BOUND_DEFAULT;
        private Duration thresholdMargin = THRESHOLD_MARGIN_DEFAULT;
        private Duration allowedLateness = ALLOWED_LATENESS_DEFAULT;
        private Duration lateClearanceMin = LATE_CLEARANCE_MIN_DEFAULT;
        private Duration lateClearanceMax = LATE_CLEARANCE_MAX_DEFAULT;

        private Builder() {
        }

        private Builder(TrafficConfig config) {
            seed = config.seed;
            start = config.start;
            events = config.events;
            eventsPerSecond = config.eventsPerSecond;
            campaigns = config.campaigns;
            campaignPopularityExponent = config.campaignPopularityExponent;
            maxAdsPerCampaign = config.maxAdsPerCampaign;
            retailers = config.retailers;
            users = config.users;
            products = config.products;
            clickThroughRate = config.clickThroughRate;
            basketRate = config.basketRate;
            multiBasketRate = config.multiBasketRate;
            attributionWindow = config.attributionWindow;
            nearDuplicateRate = config.nearDuplicateRate;
            nearDuplicateMaxDistance = config.nearDuplicateMaxDistance;
            farDuplicateRate = config.farDuplicateRate;
            farDuplicateMinDistance = config.farDuplicateMinDistance;
            farDuplicateMaxDistance = config.farDuplicateMaxDistance;
            outOfOrderRate = config.outOfOrderRate;
            maxDisorder = config.maxDisorder;
            basketBeforeClickRate = config.basketBeforeClickRate;
            orphanBasketRate = config.orphanBasketRate;
            basketBeyondWindowRate = config.basketBeyondWindowRate;
            clockSkewBasketRate = config.clockSkewBasketRate;
            lateRate = config.lateRate;
            malformedRate = config.malformedRate;
            oversizedRecords = config.oversizedRecords;
            phases = config.phases;
            watermarkBound = config.watermarkBound;
            thresholdMargin = config.thresholdMargin;
            allowedLateness = config.allowedLateness;
            lateClearanceMin = config.lateClearanceMin;
            lateClearanceMax = config.lateClearanceMax;
        }

        /** Sets both {@code events} and {@code eventsPerSecond} from a named size. */
        public Builder size(ScenarioSize size) {
            requireNonNull(size, "size is null");
            events = size.events();
            eventsPerSecond = size.eventsPerSecond();
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder start(Instant value) {
            start = value;
            return this;
        }

        public Builder events(long value) {
            events = value;
            return this;
        }

        public Builder eventsPerSecond(double value) {
            eventsPerSecond = value;
            return this;
        }

        public Builder campaigns(int value) {
            campaigns = value;
            return this;
        }

        public Builder campaignPopularityExponent(double value) {
            campaignPopularityExponent = value;
            return this;
        }

        public Builder maxAdsPerCampaign(int value) {
            maxAdsPerCampaign = value;
            return this;
        }

        public Builder retailers(int value) {
            retailers = value;
            return this;
        }

        public Builder users(int value) {
            users = value;
            return this;
        }

        public Builder products(int value) {
            products = value;
            return this;
        }

        public Builder clickThroughRate(double value) {
            clickThroughRate = value;
            return this;
        }

        public Builder basketRate(double value) {
            basketRate = value;
            return this;
        }

        public Builder multiBasketRate(double value) {
            multiBasketRate = value;
            return this;
        }

        public Builder attributionWindow(Duration value) {
            attributionWindow = value;
            return this;
        }

        public Builder nearDuplicateRate(double value) {
            nearDuplicateRate = value;
            return this;
        }

        public Builder nearDuplicateMaxDistance(int value) {
            nearDuplicateMaxDistance = value;
            return this;
        }

        public Builder farDuplicateRate(double value) {
            farDuplicateRate = value;
            return this;
        }

        public Builder farDuplicateMinDistance(int value) {
            farDuplicateMinDistance = value;
            return this;
        }

        public Builder farDuplicateMaxDistance(int value) {
            farDuplicateMaxDistance = value;
            return this;
        }

        public Builder outOfOrderRate(double value) {
            outOfOrderRate = value;
            return this;
        }

        public Builder maxDisorder(Duration value) {
            maxDisorder = value;
            return this;
        }

        public Builder basketBeforeClickRate(double value) {
            basketBeforeClickRate = value;
            return this;
        }

        public Builder orphanBasketRate(double value) {
            orphanBasketRate = value;
            return this;
        }

        public Builder basketBeyondWindowRate(double value) {
            basketBeyondWindowRate = value;
            return this;
        }

        public Builder clockSkewBasketRate(double value) {
            clockSkewBasketRate = value;
            return this;
        }

        public Builder lateRate(double value) {
            lateRate = value;
            return this;
        }

        public Builder malformedRate(double value) {
            malformedRate = value;
            return this;
        }

        public Builder oversizedRecords(int value) {
            oversizedRecords = value;
            return this;
        }

        public Builder phases(int value) {
            phases = value;
            return this;
        }

        public Builder watermarkBound(Duration value) {
            watermarkBound = value;
            return this;
        }

        public Builder thresholdMargin(Duration value) {
            thresholdMargin = value;
            return this;
        }

        public Builder allowedLateness(Duration value) {
            allowedLateness = value;
            return this;
        }

        public Builder lateClearanceMin(Duration value) {
            lateClearanceMin = value;
            return this;
        }

        public Builder lateClearanceMax(Duration value) {
            lateClearanceMax = value;
            return this;
        }

        public TrafficConfig build() {
            return new TrafficConfig(seed, start, events, eventsPerSecond, campaigns, campaignPopularityExponent,
                    maxAdsPerCampaign, retailers, users, products, clickThroughRate, basketRate, multiBasketRate,
                    attributionWindow, nearDuplicateRate, nearDuplicateMaxDistance, farDuplicateRate,
                    farDuplicateMinDistance, farDuplicateMaxDistance, outOfOrderRate, maxDisorder,
                    basketBeforeClickRate, orphanBasketRate, basketBeyondWindowRate, clockSkewBasketRate, lateRate,
                    malformedRate, oversizedRecords, phases, watermarkBound, thresholdMargin, allowedLateness,
                    lateClearanceMin, lateClearanceMax);
        }
    }
}
