package io.adinsights.serving.boundary;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.serving.query.BucketSize;
import io.adinsights.serving.query.InvalidQueryException;
import io.adinsights.serving.query.MetricQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real-time boundary of ARCHITECTURE.md. For {@code [from, to)}: B = the batch watermark, but never earlier than
 * {@code now - retention + margin} (rounded up to a whole hour); the lake answers {@code [from, min(to, B))} as far as
 * its watermark goes, the speed layer answers {@code [max(from, B), to)}, and whatever lies between a lagging
 * watermark and the speed layer's retention is a {@link Gap.Reason#BATCH_BEHIND} gap. Every bucket is in exactly one
 * of the three. The caller reads the watermark once and passes it in, so one answer uses one watermark.
 */
public final class BoundaryRule {

    private final BoundaryProperties properties;

    public BoundaryRule(BoundaryProperties properties) {
        this.properties = requireNonNull(properties, "properties is null");
    }

    /** The earliest instant the speed layer is trusted to hold at {@code now}: a whole UTC hour. */
    public Instant realtimeFloor(Instant now) {
        Instant floor = now.minus(properties.realtimeRetention()).plus(properties.safetyMargin());
        return Granularity.HOUR.isBucketStart(floor) ? floor : Granularity.HOUR.bucketEnd(floor);
    }

    /**
     * The plan for a query at {@code now} with the batch watermark as read once for this request.
     *
     * @throws InvalidQueryException if the query asks for minutes before the boundary: the lake keeps hours only,
     *     and a minute series before B would count differently from the hourly answer for the same range
     */
    public QueryPlan plan(MetricQuery query, Optional<Instant> batchWatermark, Instant now) {
        requireNonNull(query, "query is null");
        requireNonNull(batchWatermark, "batchWatermark is null");
        requireNonNull(now, "now is null");
        Instant floor = realtimeFloor(now);
        Instant boundary = batchWatermark.filter(w -> w.isAfter(floor)).orElse(floor);
        if (query.granularity() == BucketSize.MINUTE && query.from().isBefore(boundary)) {
            throw new InvalidQueryException("granularity", "Minute granularity is available from the real-time"
                    + " boundary " + boundary + " on; from " + query.from() + " is earlier (the lake keeps hours:"
                    + " ask by hour or day, or start at or after the boundary)");
        }
        Instant from = query.from();
        Instant to = query.to();
        Instant lakeEnd = batchWatermark.map(w -> min(w, boundary)).orElse(from);
        Optional<TimeRange> historical = TimeRange.of(from, min(to, lakeEnd));
        List<Gap> gaps = new ArrayList<>();
        TimeRange.of(max(from, lakeEnd), min(to, boundary))
                .ifPresent(range -> gaps.add(new Gap(range, Gap.Reason.BATCH_BEHIND)));
        Optional<TimeRange> realtime = TimeRange.of(max(from, boundary), to);
        return new QueryPlan(boundary, batchWatermark, floor, historical, realtime, gaps);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
