package io.adinsights.serving.store;

import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * The final rows of one partition period from its first bucket on, contiguous: slot i is the bucket
 * {@code start + i × length}, null when the store has no row for it. Immutable; extending makes a new one.
 */
final class FinalRows {

    static final FinalRows EMPTY = new FinalRows(new MetricCounts[0]);

    private final MetricCounts[] rows;

    private FinalRows(MetricCounts[] rows) {
        this.rows = rows;
    }

    /** How many buckets are held (rows and buckets without a row). */
    int size() {
        return rows.length;
    }

    /** These buckets and those of {@code read} (a store read from where these end) up to {@code upTo}. */
    FinalRows extendedBy(SortedMap<Instant, MetricCounts> read, Instant start, Granularity granularity,
            Instant upTo) {
        long length = granularity.length().getSeconds();
        MetricCounts[] extended = Arrays.copyOf(rows, Math.toIntExact((upTo.getEpochSecond()
                - start.getEpochSecond()) / length));
        for (Map.Entry<Instant, MetricCounts> row : read.entrySet()) {
            extended[Math.toIntExact((row.getKey().getEpochSecond() - start.getEpochSecond()) / length)] =
                    row.getValue();
        }
        return new FinalRows(extended);
    }

    /** Puts the rows of {@code [from, to)} into {@code target}; both are buckets these hold. */
    void copyInto(SortedMap<Instant, MetricCounts> target, Instant start, Granularity granularity, Instant from,
            Instant to) {
        long length = granularity.length().getSeconds();
        int first = Math.toIntExact((from.getEpochSecond() - start.getEpochSecond()) / length);
        int end = Math.toIntExact((to.getEpochSecond() - start.getEpochSecond()) / length);
        for (int i = first; i < end; i++) {
            if (rows[i] != null) {
                target.put(start.plusSeconds(i * length), rows[i]);
            }
        }
    }
}
