package io.adinsights.serving.store;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;

/** The lake's exact hourly totals, read at one pinned state of the aggregate table. */
public interface HistoricalStore {

    /**
     * Pins the lake's current state: one batch watermark and the data committed with it. Call it once per request.
     *
     * @throws StoreUnavailableException if the lake's catalog cannot be read
     */
    LakeState pin();

    /** One state of the aggregate table: the watermark and the hours committed with it. */
    interface LakeState {

        /** The batch watermark: hours before it are final. Empty when the batch layer has never committed. */
        Optional<Instant> watermark();

        /**
         * Hourly totals of the request (its granularity is {@code HOUR}) as of this state, keyed by hour.
         *
         * @throws StoreUnavailableException if the lake cannot be read
         */
        SortedMap<Instant, MetricCounts> read(SeriesRequest request);
    }
}
