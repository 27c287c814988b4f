package io.adinsights.serving.store;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.rules.Retention;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Keeps the speed layer's final buckets in memory, so that only the open tail of a range is read from the store.
 *
 * <p>A bucket is final once its end plus the allowed lateness L is not after the speed layer's watermark: every later
 * event of it is late and dropped by the speed layer, and the speed layer writes the watermark to
 * {@code layer_progress} only after every row before it. The watermark is read before the rows, and again after
 * them before anything is cached (a speed layer restored from a checkpoint lowers its watermark before it rewrites
 * the rows after it with partial totals), so a row cached as final is its final total; it then stays as it is until
 * it expires ({@link Retention}).
 *
 * <p>The cache holds, per campaign (or ad), granularity and partition period (a UTC day of minutes, a UTC month of
 * hours), the rows from the period's first bucket up to a final instant. A read serves the cached buckets that are
 * still final by the current watermark and still far from expiry, asks the store for the rest in one read, and
 * extends the cached rows with what that read found final.
 */
public final class CachingRealtimeStore implements RealtimeStore {

    /** A cached bucket is not served this close to its expiry: the store may drop it already (whole-second TTLs). */
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    private final RealtimeStore delegate;
    private final Duration allowedLateness;
    private final Clock clock;
    private final Cache<SegmentKey, FinalRows> cache;
    private final Counter bucketsFromCache;
    private final Counter bucketsFromStore;

    public CachingRealtimeStore(RealtimeStore delegate, Duration allowedLateness, long maxBuckets, Clock clock,
            MeterRegistry registry) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.allowedLateness = requireNonNull(allowedLateness, "allowedLateness is null");
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(registry, "registry is null");
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBuckets)
                .weigher((SegmentKey key, FinalRows rows) -> rows.size() + 1)
                .expireAfter(new UntilExpired(clock))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "realtime-final-buckets");
        this.bucketsFromCache = Counter.builder("insights.realtime.cache.buckets").tag("source", "cache")
                .description("Speed-layer buckets answered from the cache of final buckets").register(registry);
        this.bucketsFromStore = Counter.builder("insights.realtime.cache.buckets").tag("source", "store")
                .description("Speed-layer buckets read from the store").register(registry);
    }

    @Override
    public Optional<Instant> upTo() {
        return delegate.upTo();
    }

    @Override
    public Optional<Instant> upToNow() {
        return delegate.upToNow();
    }

    @Override
    public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
        requireNonNull(request, "request is null");
        Granularity granularity = request.granularity();
        // Before the rows: every row read after this watermark was read is at least as new as the watermark says.
        Instant finalEnd = finalEnd(delegate.upTo(), granularity);
        Instant now = clock.instant();
        List<Segment> segments = new ArrayList<>();
        Instant readFrom = request.to();
        for (Instant start = segmentStart(granularity, request.from()); start.isBefore(request.to());
                start = segmentEnd(granularity, start)) {
            Segment segment = new Segment(request, start, cache.getIfPresent(key(request, start)));
            segments.add(segment);
            Instant readStart = segment.readStart(finalEnd, now);
            if (readStart.isBefore(segment.to) && readStart.isBefore(readFrom)) {
                readFrom = readStart;
            }
        }
        SortedMap<Instant, MetricCounts> rows = new TreeMap<>();
        for (Segment segment : segments) {
            if (segment.from.isBefore(readFrom)) {
                segment.cached.copyInto(rows, segment.start, granularity, segment.from, min(segment.to, readFrom));
            }
        }
        Instant cachedTo = max(request.from(), min(readFrom, request.to()));
        bucketsFromCache.increment(buckets(granularity, request.from(), cachedTo));
        if (readFrom.isBefore(request.to())) {
            SortedMap<Instant, MetricCounts> read = delegate.read(new SeriesRequest(request.campaignId(),
                    request.adId(), granularity, readFrom, request.to()));
            rows.putAll(read.tailMap(request.from()));
            bucketsFromStore.increment(buckets(granularity, cachedTo, request.to()));
            // Only what is still final by a watermark read after the rows is kept: a speed layer restored from a
            // checkpoint lowers its watermark before it rewrites rows with partial totals. Read only when needed.
            Instant confirmedEnd = null;
            for (Segment segment : segments) {
                if (segment.wouldExtend(readFrom, finalEnd)) {
                    if (confirmedEnd == null) {
                        confirmedEnd = min(finalEnd, finalEnd(delegate.upToNow(), granularity));
                    }
                    segment.extend(read, readFrom, confirmedEnd);
                }
            }
        }
        return rows;
    }

    private SegmentKey key(SeriesRequest request, Instant segmentStart) {
        return new SegmentKey(request.campaignId(), request.adId(), request.granularity(), segmentStart);
    }

    /** One partition period of a request: what the cache has of it, and which part the request asks for. */
    private final class Segment {

        private final SegmentKey key;
        private final Instant start;
        private final Instant from;
        private final Instant to;
        private final FinalRows cached;

        Segment(SeriesRequest request, Instant start, FinalRows cached) {
            this.key = key(request, start);
            this.start = start;
            this.from = max(request.from(), start);
            this.to = min(request.to(), segmentEnd(request.granularity(), start));
            this.cached = cached == null ? FinalRows.EMPTY : cached;
        }

        private Instant cachedUpTo() {
            return start.plus(key.granularity().length().multipliedBy(cached.size()));
        }

        /** Where the store must be read from for this segment; {@link #to} when the cache answers all of it. */
        Instant readStart(Instant finalEnd, Instant now) {
            Instant cachedUpTo = cachedUpTo();
            // Served from the cache: what is cached, final by the current watermark, and not about to expire.
            Instant servable = expiresAfter(key.granularity(), from, now) ? min(cachedUpTo, finalEnd) : from;
            Instant servedTo = max(from, min(servable, to));
            if (!servedTo.isBefore(to)) {
                return to;
            }
            // Read on from the cached end when that makes more buckets final: the cached rows stay contiguous.
            return finalEnd.isAfter(cachedUpTo) && cachedUpTo.isBefore(servedTo) ? cachedUpTo : servedTo;
        }

        /** Whether the store's read continues the cached rows with buckets final by {@code finalEnd}. */
        boolean wouldExtend(Instant readFrom, Instant finalEnd) {
            Instant cachedUpTo = cachedUpTo();
            return !readFrom.isAfter(cachedUpTo) && min(finalEnd, to).isAfter(cachedUpTo);
        }

        /** Adds the buckets of the store's read that are final now, when the read continues the cached rows. */
        void extend(SortedMap<Instant, MetricCounts> read, Instant readFrom, Instant finalEnd) {
            if (!wouldExtend(readFrom, finalEnd)) {
                return;
            }
            Instant cachedUpTo = cachedUpTo();
            Instant upTo = min(finalEnd, to);
            FinalRows extended = cached.extendedBy(read.subMap(cachedUpTo, upTo), start, key.granularity(), upTo);
            cache.asMap().merge(key, extended, (old, fresh) -> old.size() >= fresh.size() ? old : fresh);
        }
    }

    /** Buckets starting before this are final: their end plus the allowed lateness is not after the watermark. */
    private Instant finalEnd(Optional<Instant> watermark, Granularity granularity) {
        return watermark.map(mark -> granularity.bucketStart(mark.minus(allowedLateness))).orElse(Instant.MIN);
    }

    private static boolean expiresAfter(Granularity granularity, Instant bucketStart, Instant now) {
        return bucketStart.plus(granularity.length()).plus(Retention.SPEED_LAYER_RETENTION).minus(EXPIRY_MARGIN)
                .isAfter(now);
    }

    private static Instant segmentStart(Granularity granularity, Instant instant) {
        return table(granularity).periodOf(instant).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant segmentEnd(Granularity granularity, Instant segmentStart) {
        MetricTable table = table(granularity);
        return table.nextPeriod(table.periodOf(segmentStart)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The speed layer partitions its tables by period; every level of one granularity has the same periods. */
    private static MetricTable table(Granularity granularity) {
        return MetricTable.of(granularity, MetricTable.Level.CAMPAIGN);
    }

    private static long buckets(Granularity granularity, Instant from, Instant to) {
        // Whole seconds: Duration.dividedBy(Duration) goes through BigDecimal, a cost on every read.
        return from.isBefore(to) ? (to.getEpochSecond() - from.getEpochSecond()) / granularity.length().getSeconds()
                : 0;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private record SegmentKey(String campaignId, Optional<String> adId, Granularity granularity, Instant start) {
    }

    /** An entry lives until the last bucket of its period has expired in the store. */
    private static final class UntilExpired implements Expiry<SegmentKey, FinalRows> {

        /** Longer than any period plus the retention; keeps the nanoseconds far from overflowing. */
        private static final Duration LONGEST = Duration.ofDays(400);

        private final Clock clock;

        UntilExpired(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(SegmentKey key, FinalRows rows, long currentTime) {
            Instant expiry = segmentEnd(key.granularity(), key.start()).plus(Retention.SPEED_LAYER_RETENTION);
            Instant now = clock.instant();
            if (!expiry.isAfter(now)) {
                return 0;
            }
            Duration left = Duration.between(now, expiry);
            return (left.compareTo(LONGEST) > 0 ? LONGEST : left).toNanos();
        }

        @Override
        public long expireAfterUpdate(SegmentKey key, FinalRows rows, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(SegmentKey key, FinalRows rows, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
