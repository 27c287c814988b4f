package io.adinsights.serving.store;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;

/** The speed layer's totals: recent minutes and hours, fresh to the second. */
public interface RealtimeStore {

    /**
     * The stored buckets of the request, keyed by bucket start; a bucket absent from the map holds zero.
     *
     * @throws StoreUnavailableException if the store cannot answer
     */
    SortedMap<Instant, MetricCounts> read(SeriesRequest request);

    /**
     * The speed layer's watermark: event time before it is complete in the store (later buckets are still filling).
     *
     * @throws StoreUnavailableException if the store cannot answer
     */
    Optional<Instant> upTo();

    /**
     * {@link #upTo()} read now, not an answer shared with other requests of the last moments: for deciding, after a
     * read, whether its rows were already final (a restarted speed layer lowers its watermark before it rewrites
     * rows).
     *
     * @throws StoreUnavailableException if the store cannot answer
     */
    default Optional<Instant> upToNow() {
        return upTo();
    }
}
