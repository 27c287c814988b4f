package io.adinsights.batch.compaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;

/**
 * The values that occur more than once in a partition, each once, found by sorting the partition's values as a
 * primitive array. For a partition of a repartitioning by value, these are the values repeated in the whole dataset.
 * When nearly every value is distinct, as eventIds are, this costs far less than a hash aggregation that counts each
 * value: no map entry per value, no spilling, no second aggregation after the shuffle.
 */
final class RepeatedValues implements MapPartitionsFunction<Long, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Long> call(Iterator<Long> values) {
        long[] sorted = new long[1024];
        int size = 0;
        while (values.hasNext()) {
            if (size == sorted.length) {
                sorted = Arrays.copyOf(sorted, size * 2);
            }
            sorted[size++] = values.next();
        }
        return repeated(sorted, size).iterator();
    }

    /** The values occurring more than once among the first {@code size} of {@code values}; sorts them in place. */
    static List<Long> repeated(long[] values, int size) {
        Arrays.sort(values, 0, size);
        List<Long> repeated = new ArrayList<>();
        for (int i = 1; i < size; i++) {
            // The second of a run of equal values: each repeated value once.
            if (values[i] == values[i - 1] && (i == 1 || values[i - 1] != values[i - 2])) {
                repeated.add(values[i]);
            }
        }
        return repeated;
    }
}
