package io.adinsights.serving.boundary;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which layer answers which part of a query, decided once from one batch watermark.
 *
 * @param boundary       the real-time boundary B: the lake answers before it, the speed layer from it on
 * @param batchUpTo      the batch watermark the plan was made with (empty when the lake has none)
 * @param realtimeFloor  the earliest instant the speed layer is trusted to still hold (now - retention + margin)
 * @param historical     the part read from the lake, {@code [from, min(to, watermark))}
 * @param realtime       the part read from the speed layer, {@code [max(from, B), to)}
 * @param gaps           parts neither layer covers
 */
public record QueryPlan(Instant boundary, Optional<Instant> batchUpTo, Instant realtimeFloor,
        Optional<TimeRange> historical, Optional<TimeRange> realtime, List<Gap> gaps) {

    public QueryPlan {
        requireNonNull(boundary, "boundary is null");
        requireNonNull(batchUpTo, "batchUpTo is null");
        requireNonNull(realtimeFloor, "realtimeFloor is null");
        requireNonNull(historical, "historical is null");
        requireNonNull(realtime, "realtime is null");
        gaps = List.copyOf(gaps);
    }
}
