package io.adinsights.serving.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.rules.Retention;
import io.adinsights.serving.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The cache of final buckets against a store that behaves as the speed layer's: rows change only while their bucket
 * is open (end + L after the watermark) and disappear when their retention ends. Every answer must be the store's.
 */
class CachingRealtimeStoreTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:05:00Z"));
    private final SpeedLayerStore store = new SpeedLayerStore(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CachingRealtimeStore cached = new CachingRealtimeStore(store, LATENESS, 100_000, clock, registry);

    @Test
    void finalBucketsComeFromTheCacheAndOnlyTheOpenTailFromTheStore() {
        fillHours("c", Optional.empty(), Instant.parse("2026-04-29T00:00:00Z"), at("2026-05-01T12:00"));
        store.watermark = at("2026-05-01T10:05");
        SeriesRequest request = hours("c", "2026-04-30T00", "2026-05-01T12");
        assertThat(cached.read(request)).isEqualTo(store.read(request));

        // 03:00 is final (its end + L is before the watermark), 10:00 is not: only 10:00 may still change.
        store.put("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T03:00"), new MetricCounts(1, 2, 3));
        store.put("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T10:00"), new MetricCounts(4, 5, 6));
        store.reads.clear();
        SortedMap<Instant, MetricCounts> answer = cached.read(request);

        SortedMap<Instant, MetricCounts> expected = new TreeMap<>();
        for (Instant h = at("2026-04-30T00:00"); h.isBefore(at("2026-05-01T12:00")); h = h.plusSeconds(3600)) {
            expected.put(h, counts(h));
        }
        expected.put(at("2026-05-01T10:00"), new MetricCounts(4, 5, 6));
        assertThat(answer).isEqualTo(expected);
        assertThat(store.reads).containsExactly(hours("c", "2026-05-01T09", "2026-05-01T12"));
        assertThat(registry.get("insights.realtime.cache.buckets").tag("source", "cache").counter().count())
                .isEqualTo(33);
    }

    @Test
    void aMovingWatermarkMakesMoreBucketsFinal() {
        fillHours("c", Optional.empty(), MAY, at("2026-05-01T12:00"));
        store.watermark = at("2026-05-01T10:05");
        SeriesRequest request = hours("c", "2026-05-01T00", "2026-05-01T12");
        cached.read(request);
        store.watermark = at("2026-05-01T11:15");
        store.put("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T10:00"), new MetricCounts(7, 7, 7));
        store.reads.clear();
        assertThat(cached.read(request).get(at("2026-05-01T10:00"))).isEqualTo(new MetricCounts(7, 7, 7));
        assertThat(store.reads).containsExactly(hours("c", "2026-05-01T09", "2026-05-01T12"));
        store.reads.clear();
        assertThat(cached.read(request)).isEqualTo(store.read(request));
        assertThat(store.reads).hasSize(2);
        assertThat(store.reads.get(0)).isEqualTo(hours("c", "2026-05-01T11", "2026-05-01T12"));
    }

    @Test
    void aWatermarkGoingBackServesOnlyWhatIsStillFinal() {
        fillHours("c", Optional.empty(), MAY, at("2026-05-01T12:00"));
        store.watermark = at("2026-05-01T10:05");
        SeriesRequest request = hours("c", "2026-05-01T00", "2026-05-01T12");
        cached.read(request);
        // A restarted speed layer publishes an older watermark and rewrites the buckets after it.
        store.watermark = at("2026-05-01T06:30");
        store.put("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T07:00"), new MetricCounts(9, 9, 9));
        store.reads.clear();
        assertThat(cached.read(request)).isEqualTo(store.read(request));
        assertThat(store.reads.get(0)).isEqualTo(hours("c", "2026-05-01T06", "2026-05-01T12"));
    }

    @Test
    void theWatermarkIsReadBeforeTheRows() {
        fillHours("c", Optional.empty(), MAY, at("2026-05-01T12:00"));
        store.watermark = at("2026-05-01T10:05");
        // Right after the rows are read, the speed layer writes the last total of 10:00 and moves its watermark.
        store.afterRead = () -> {
            store.put("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T10:00"), new MetricCounts(5, 5, 5));
            store.watermark = at("2026-05-01T11:15");
        };
        SeriesRequest request = hours("c", "2026-05-01T00", "2026-05-01T12");
        cached.read(request);
        store.afterRead = () -> { };
        assertThat(cached.read(request).get(at("2026-05-01T10:00"))).isEqualTo(new MetricCounts(5, 5, 5));
    }

    @Test
    void aRestoreBetweenTheWatermarkAndTheRowsCachesNothingItRewrites() {
        fillHours("c", Optional.empty(), MAY, at("2026-05-01T12:00"));
        store.watermark = at("2026-05-01T10:05");
        SeriesRequest request = hours("c", "2026-05-01T00", "2026-05-01T12");
        // After the watermark was read and before the rows are: the speed layer is restored from a checkpoint,
        // lowers its watermark and rewrites 07:00 with a partial total.
        store.beforeRead = () -> {
            store.watermark = at("2026-05-01T06:30");
            store.put("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T07:00"), new MetricCounts(1, 0, 0));
        };
        cached.read(request);
        store.beforeRead = () -> { };
        // The replay ends: 07:00 has its final total again and the watermark is back.
        store.put("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T07:00"), counts(at("2026-05-01T07:00")));
        store.watermark = at("2026-05-01T10:05");

        assertThat(cached.read(request)).isEqualTo(store.read(request));
        assertThat(cached.read(request).get(at("2026-05-01T07:00"))).isEqualTo(counts(at("2026-05-01T07:00")));
    }

    @Test
    void withoutAWatermarkEveryBucketIsReadFromTheStore() {
        fillHours("c", Optional.empty(), MAY, at("2026-05-01T12:00"));
        SeriesRequest request = hours("c", "2026-05-01T00", "2026-05-01T12");
        cached.read(request);
        store.put("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T02:00"), new MetricCounts(1, 1, 1));
        store.reads.clear();
        assertThat(cached.read(request)).isEqualTo(store.read(request));
        assertThat(store.reads.get(0)).isEqualTo(request);
    }

    @Test
    void bucketsAtTheEndOfTheirRetentionAreLeftToTheStore() {
        fillHours("c", Optional.empty(), MAY, at("2026-05-01T12:00"));
        store.watermark = at("2026-05-01T12:05");
        SeriesRequest request = hours("c", "2026-05-01T00", "2026-05-01T12");
        cached.read(request);
        // The 00:00 bucket expires at 01:00 + 30 days; just before that the store may already have dropped it.
        Instant expiry = at("2026-05-01T01:00").plus(Retention.SPEED_LAYER_RETENTION);
        clock.set(expiry.minusSeconds(30));
        store.drop("c", Optional.empty(), Granularity.HOUR, at("2026-05-01T00:00"));
        SortedMap<Instant, MetricCounts> answer = cached.read(request);
        assertThat(answer).doesNotContainKey(at("2026-05-01T00:00")).hasSize(11);
        clock.set(expiry.plusSeconds(3 * 3600));
        assertThat(cached.read(request)).isEqualTo(store.read(request)).hasSize(8);
    }

    @Test
    void minutesAndAdsAreCachedApartFromHoursAndCampaigns() {
        Instant from = at("2026-04-30T23:00");
        for (Instant m = from; m.isBefore(at("2026-05-01T01:00")); m = m.plusSeconds(60)) {
            store.put("c", Optional.empty(), Granularity.MINUTE, m, counts(m));
            store.put("c", Optional.of("a"), Granularity.MINUTE, m, new MetricCounts(1, 0, 0));
        }
        store.watermark = at("2026-05-01T00:40");
        SeriesRequest campaign = new SeriesRequest("c", Optional.empty(), Granularity.MINUTE, from,
                at("2026-05-01T01:00"));
        SeriesRequest ad = new SeriesRequest("c", Optional.of("a"), Granularity.MINUTE, from, at("2026-05-01T01:00"));
        assertThat(cached.read(campaign)).isEqualTo(store.read(campaign)).hasSize(120);
        assertThat(cached.read(ad)).isEqualTo(store.read(ad)).hasSize(120);
        store.reads.clear();
        assertThat(cached.read(ad)).isEqualTo(store.read(ad));
        assertThat(store.reads.get(0).from()).isEqualTo(at("2026-05-01T00:30"));
    }

    /** Random reads, watermark moves, open-bucket rewrites and expiries: the cached answer is always the store's. */
    @Test
    void randomHistoriesNeverChangeAnAnswer() {
        SplittableRandom random = new SplittableRandom(42);
        Instant dataFrom = at("2026-04-28T00:00");
        Instant dataTo = at("2026-05-03T00:00");
        for (String ad : new String[] {null, "a1", "a2"}) {
            fillHours("c", Optional.ofNullable(ad), dataFrom, dataTo);
            for (Instant m = at("2026-04-30T22:00"); m.isBefore(at("2026-05-01T02:00")); m = m.plusSeconds(60)) {
                store.put("c", Optional.ofNullable(ad), Granularity.MINUTE, m, counts(m));
            }
        }
        clock.set(at("2026-04-30T21:00"));
        store.watermark = clock.instant().minusSeconds(300);
        int compared = 0;
        for (int step = 0; step < 3000; step++) {
            int action = random.nextInt(10);
            if (step == 1500) {
                // Jump to where the oldest hours reach the end of their retention (the speed layer lagging).
                clock.set(dataFrom.plus(Retention.SPEED_LAYER_RETENTION).plusSeconds(1800));
            } else if (action < 2) {
                clock.set(clock.instant().plusSeconds(random.nextInt(600)));
                Instant next = store.watermark.plusSeconds(random.nextInt(600));
                store.watermark = next.isAfter(clock.instant()) ? clock.instant() : next;
            } else if (action < 5) {
                rewriteAnOpenBucket(random, dataFrom, dataTo);
            } else {
                SeriesRequest request = randomRequest(random, dataFrom, dataTo);
                assertThat(cached.read(request)).as("step %d: %s", step, request).isEqualTo(store.read(request));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1000);
        double fromCache = registry.get("insights.realtime.cache.buckets").tag("source", "cache").counter().count();
        double fromStore = registry.get("insights.realtime.cache.buckets").tag("source", "store").counter().count();
        assertThat(fromCache).isGreaterThan(fromStore);
    }

    private void rewriteAnOpenBucket(SplittableRandom random, Instant dataFrom, Instant dataTo) {
        Granularity granularity = random.nextBoolean() ? Granularity.HOUR : Granularity.MINUTE;
        Optional<String> ad = random.nextBoolean() ? Optional.empty() : Optional.of("a" + (1 + random.nextInt(2)));
        Instant open = granularity.bucketStart(store.watermark.minus(LATENESS)).plus(granularity.length());
        Instant bucket = open.plus(granularity.length().multipliedBy(random.nextInt(5)));
        if (bucket.isBefore(dataFrom) || !bucket.isBefore(dataTo)) {
            return;
        }
        // Open: its end + L is after the watermark, so the speed layer may still write it (or have no row yet).
        assertThat(bucket.plus(granularity.length()).plus(LATENESS)).isAfter(store.watermark);
        if (random.nextInt(4) == 0) {
            store.drop("c", ad, granularity, bucket);
        } else {
            store.put("c", ad, granularity, bucket, new MetricCounts(random.nextInt(100), random.nextInt(10), 1));
        }
    }

    private SeriesRequest randomRequest(SplittableRandom random, Instant dataFrom, Instant dataTo) {
        Optional<String> ad = random.nextInt(3) == 0 ? Optional.empty() : Optional.of("a" + (1 + random.nextInt(2)));
        if (random.nextBoolean()) {
            long hours = Duration.between(dataFrom, dataTo).toHours();
            long first = random.nextLong(hours);
            long last = first + 1 + random.nextLong(hours - first);
            return new SeriesRequest("c", ad, Granularity.HOUR, dataFrom.plusSeconds(first * 3600),
                    dataFrom.plusSeconds(last * 3600));
        }
        Instant minutesFrom = at("2026-04-30T21:30");
        long first = random.nextLong(300);
        long last = first + 1 + random.nextLong(300 - first);
        return new SeriesRequest("c", ad, Granularity.MINUTE, minutesFrom.plusSeconds(first * 60),
                minutesFrom.plusSeconds(last * 60));
    }

    private void fillHours(String campaign, Optional<String> ad, Instant from, Instant to) {
        for (Instant h = from; h.isBefore(to); h = h.plusSeconds(3600)) {
            store.put(campaign, ad, Granularity.HOUR, h, counts(h));
        }
    }

    private static MetricCounts counts(Instant bucket) {
        long n = bucket.getEpochSecond() / 60;
        return new MetricCounts(n % 1000, n % 100, n % 10);
    }

    private static Instant at(String minute) {
        return Instant.parse(minute + ":00Z");
    }

    private static SeriesRequest hours(String campaign, String from, String to) {
        return new SeriesRequest(campaign, Optional.empty(), Granularity.HOUR, at(from + ":00"), at(to + ":00"));
    }

    /** The speed layer's store: rows by bucket, gone once their retention has ended, and the watermark. */
    private static final class SpeedLayerStore implements RealtimeStore {

        private final Clock clock;
        private final Map<List<Object>, TreeMap<Instant, MetricCounts>> tables = new HashMap<>();
        private final List<SeriesRequest> reads = new ArrayList<>();
        private Instant watermark;
        private Runnable beforeRead = () -> { };
        private Runnable afterRead = () -> { };

        SpeedLayerStore(Clock clock) {
            this.clock = clock;
        }

        void put(String campaign, Optional<String> ad, Granularity granularity, Instant bucket, MetricCounts row) {
            tables.computeIfAbsent(List.of(campaign, ad, granularity), key -> new TreeMap<>()).put(bucket, row);
        }

        void drop(String campaign, Optional<String> ad, Granularity granularity, Instant bucket) {
            tables.computeIfAbsent(List.of(campaign, ad, granularity), key -> new TreeMap<>()).remove(bucket);
        }

        @Override
        public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
            beforeRead.run();
            reads.add(request);
            SortedMap<Instant, MetricCounts> rows = new TreeMap<>();
            tables.getOrDefault(List.of(request.campaignId(), request.adId(), request.granularity()), new TreeMap<>())
                    .subMap(request.from(), request.to()).forEach((bucket, row) -> {
                        Instant expiry = bucket.plus(request.granularity().length())
                                .plus(Retention.SPEED_LAYER_RETENTION);
                        if (expiry.isAfter(clock.instant())) {
                            rows.put(bucket, row);
                        }
                    });
            afterRead.run();
            return rows;
        }

        @Override
        public Optional<Instant> upTo() {
            return Optional.ofNullable(watermark);
        }
    }
}
