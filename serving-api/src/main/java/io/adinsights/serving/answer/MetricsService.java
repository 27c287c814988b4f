package io.adinsights.serving.answer;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.serving.boundary.BoundaryRule;
import io.adinsights.serving.boundary.Gap;
import io.adinsights.serving.boundary.QueryPlan;
import io.adinsights.serving.boundary.TimeRange;
import io.adinsights.serving.query.BucketSize;
import io.adinsights.serving.query.MetricQuery;
import io.adinsights.serving.store.HistoricalStore;
import io.adinsights.serving.store.MetricCounts;
import io.adinsights.serving.store.RealtimeStore;
import io.adinsights.serving.store.SeriesRequest;
import io.adinsights.serving.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a query by the real-time boundary: pins the lake once (one watermark), plans which layer answers which
 * part, reads each part from its layer and folds the stored buckets into the answer's buckets.
 */
public final class MetricsService {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsService.class);

    private final HistoricalStore historical;
    private final RealtimeStore realtime;
    private final BoundaryRule boundaryRule;
    private final Clock clock;

    public MetricsService(HistoricalStore historical, RealtimeStore realtime, BoundaryRule boundaryRule, Clock clock) {
        this.historical = requireNonNull(historical, "historical is null");
        this.realtime = requireNonNull(realtime, "realtime is null");
        this.boundaryRule = requireNonNull(boundaryRule, "boundaryRule is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The instant requests are answered at (for defaults and the boundary). */
    public Instant now() {
        return clock.instant();
    }

    public Answer answer(MetricQuery query, Instant now) {
        requireNonNull(query, "query is null");
        HistoricalStore.LakeState lake = pinLake();
        // The lake is hourly: a watermark inside an hour completes only the hours before it.
        Optional<Instant> watermark = lake.watermark().map(Granularity.HOUR::bucketStart);
        QueryPlan plan = boundaryRule.plan(query, watermark, now);
        SortedMap<Instant, MetricCounts> rows = new TreeMap<>();
        plan.historical().ifPresent(range -> rows.putAll(readLake(lake, query, range)));
        List<Gap> gaps = new ArrayList<>(plan.gaps());
        if (plan.realtime().isPresent()) {
            TimeRange range = plan.realtime().get();
            try {
                rows.putAll(realtime.read(new SeriesRequest(query.campaignId(), query.adId(),
                        query.granularity().storedAs(), range.from(), range.to())));
            } catch (StoreUnavailableException e) {
                if (plan.historical().isEmpty()) {
                    throw new NothingToAnswerException("The real-time store is unavailable and no part of ["
                            + query.from() + ", " + query.to() + ") is in the lake", e);
                }
                LOG.warn("Real-time part {} unavailable, answering the historical part only: {}", range,
                        e.getMessage());
                gaps.add(new Gap(range, Gap.Reason.REALTIME_UNAVAILABLE));
            }
        }
        List<Answer.Bucket> series = fold(query, rows, gaps);
        MetricCounts total = series.stream().map(Answer.Bucket::counts).reduce(MetricCounts.ZERO, MetricCounts::plus);
        return new Answer(query, plan, series, total, realtimeUpTo(), gaps);
    }

    private HistoricalStore.LakeState pinLake() {
        try {
            return historical.pin();
        } catch (StoreUnavailableException e) {
            throw new NothingToAnswerException("The lake is unavailable: without its watermark no boundary can be"
                    + " placed", e);
        }
    }

    private static SortedMap<Instant, MetricCounts> readLake(HistoricalStore.LakeState lake, MetricQuery query,
            TimeRange range) {
        try {
            return lake.read(new SeriesRequest(query.campaignId(), query.adId(), Granularity.HOUR, range.from(),
                    range.to()));
        } catch (StoreUnavailableException e) {
            throw new NothingToAnswerException("The lake could not be read for " + range, e);
        }
    }

    private Optional<Instant> realtimeUpTo() {
        try {
            return realtime.upTo();
        } catch (StoreUnavailableException e) {
            return Optional.empty();
        }
    }

    private static List<Answer.Bucket> fold(MetricQuery query, SortedMap<Instant, MetricCounts> rows,
            List<Gap> gaps) {
        BucketSize size = query.granularity();
        ZoneId zone = query.zone();
        List<Answer.Bucket> series = new ArrayList<>();
        // One pass over the sorted rows: the buckets are contiguous, so each row falls in the bucket being built.
        Iterator<Map.Entry<Instant, MetricCounts>> next = rows.tailMap(query.from()).entrySet().iterator();
        Map.Entry<Instant, MetricCounts> row = next.hasNext() ? next.next() : null;
        Instant start = query.from();
        while (start.isBefore(query.to())) {
            Instant end = size.next(start, zone);
            MetricCounts counts = MetricCounts.ZERO;
            while (row != null && row.getKey().isBefore(end)) {
                counts = counts.plus(row.getValue());
                row = next.hasNext() ? next.next() : null;
            }
            series.add(new Answer.Bucket(start, counts, isComplete(gaps, start, end)));
            start = end;
        }
        return series;
    }

    private static boolean isComplete(List<Gap> gaps, Instant start, Instant end) {
        for (Gap gap : gaps) {
            if (gap.range().overlaps(start, end)) {
                return false;
            }
        }
        return true;
    }
}
