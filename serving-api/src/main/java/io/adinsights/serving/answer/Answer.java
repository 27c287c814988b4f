package io.adinsights.serving.answer;

import static java.util.Objects.requireNonNull;

import io.adinsights.serving.boundary.Gap;
import io.adinsights.serving.boundary.QueryPlan;
import io.adinsights.serving.query.MetricQuery;
import io.adinsights.serving.store.MetricCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The merged answer to a query: every bucket of the range once, the total, which boundary was used, how fresh each
 * side is and what neither layer covered.
 *
 * @param realtimeUpTo the speed layer's watermark, when it could be read
 * @param gaps         the plan's gaps plus the parts a store could not answer
 */
public record Answer(MetricQuery query, QueryPlan plan, List<Bucket> series, MetricCounts total,
        Optional<Instant> realtimeUpTo, List<Gap> gaps) {

    /** One bucket of the series; not complete when a gap overlaps it. */
    public record Bucket(Instant start, MetricCounts counts, boolean complete) {
    }

    public Answer {
        requireNonNull(query, "query is null");
        requireNonNull(plan, "plan is null");
        series = List.copyOf(series);
        requireNonNull(total, "total is null");
        requireNonNull(realtimeUpTo, "realtimeUpTo is null");
        gaps = List.copyOf(gaps);
    }

    public boolean complete() {
        return gaps.isEmpty();
    }
}
