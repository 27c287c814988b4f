package io.adinsights.batch.compaction;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Counts parsed rows by {@link ParsedRecord} kind while they are made, so that no pass over the parsed records is
 * needed to count them. Read once the job that made the rows has finished: Spark adds the counts of each task that
 * succeeded, once, and drops those of failed attempts.
 */
public final class KindCounts implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LongAccumulator events;
    private final LongAccumulator deadLetters;
    private final LongAccumulator corruptFiles;

    public KindCounts(SparkContext context) {
        this.events = context.longAccumulator("compaction-events");
        this.deadLetters = context.longAccumulator("compaction-dead-letters");
        this.corruptFiles = context.longAccumulator("compaction-corrupt-files");
    }

    void add(byte kind) {
        switch (kind) {
            case ParsedRecord.EVENT -> events.add(1);
            case ParsedRecord.DEAD_LETTER -> deadLetters.add(1);
            case ParsedRecord.CORRUPT_FILE -> corruptFiles.add(1);
            default -> throw new IllegalArgumentException("Unknown kind " + kind);
        }
    }

    /** The counts by kind, kinds without rows left out. */
    public Map<Byte, Long> counts() {
        Map<Byte, Long> counts = new HashMap<>();
        put(counts, ParsedRecord.EVENT, events);
        put(counts, ParsedRecord.DEAD_LETTER, deadLetters);
        put(counts, ParsedRecord.CORRUPT_FILE, corruptFiles);
        return counts;
    }

    private static void put(Map<Byte, Long> counts, byte kind, LongAccumulator accumulator) {
        if (accumulator.value() > 0) {
            counts.put(kind, accumulator.value());
        }
    }
}
