package io.adinsights.batch.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RepeatedValuesTest {

    @Test
    void findsEachRepeatedValueOnce() {
        List<Long> values = List.of(5L, -1L, 5L, 7L, 5L, Long.MIN_VALUE, -1L, Long.MAX_VALUE, Long.MIN_VALUE);

        List<Long> repeated = new ArrayList<>();
        new RepeatedValues().call(values.iterator()).forEachRemaining(repeated::add);

        assertThat(repeated).containsExactlyInAnyOrder(5L, -1L, Long.MIN_VALUE);
    }

    @Test
    void agreesWithCountingOnRandomValues() {
        SplittableRandom random = new SplittableRandom(3);
        List<Long> values = new ArrayList<>();
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            long value = random.nextLong(40_000);
            values.add(value);
            counts.merge(value, 1, Integer::sum);
        }

        List<Long> repeated = new ArrayList<>();
        new RepeatedValues().call(values.iterator()).forEachRemaining(repeated::add);

        assertThat(repeated).containsExactlyInAnyOrderElementsOf(
                counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList());
        assertThat(repeated).hasSizeGreaterThan(1_000);
    }

    @Test
    void anEmptyOrDistinctPartitionHasNone() {
        assertThat(new RepeatedValues().call(List.<Long>of().iterator())).isExhausted();
        assertThat(new RepeatedValues().call(List.of(1L, 2L, 3L).iterator())).isExhausted();
    }
}
