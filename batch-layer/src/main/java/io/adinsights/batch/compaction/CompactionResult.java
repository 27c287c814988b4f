package io.adinsights.batch.compaction;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one compaction run read and wrote.
 *
 * @param files             raw files found in the hours
 * @param quarantined       files that could not be read to their end; nothing of them was committed
 * @param recordsRead       records of the other files
 * @param validRecords      records that are valid events (duplicates included)
 * @param invalidRecords    records written to {@code dead_letters}
 * @param events            the batch's events, one per eventId, as merged into {@code ad_events} (computed from the
 *                          run's checkpoint at each use)
 * @param origins           the origins of the batch's dead letters, cached
 * @param compactedThrough  the end of the contiguous range of compacted raw hours after this run
 * @param checkpoint        the parsed records, held in memory (spilling to local disk) until {@link #release()}
 * @param cached            the data sets the run cached (the origins among them), held until {@link #release()}
 */
public record CompactionResult(
        long files,
        List<QuarantinedFile> quarantined,
        long recordsRead,
        long validRecords,
        long invalidRecords,
        Dataset<Row> events,
        Dataset<Row> origins,
        Instant compactedThrough,
        JavaRDD<?> checkpoint,
        List<Dataset<Row>> cached) {

    public CompactionResult {
        quarantined = List.copyOf(requireNonNull(quarantined, "quarantined is null"));
        requireNonNull(events, "events is null");
        requireNonNull(origins, "origins is null");
        requireNonNull(compactedThrough, "compactedThrough is null");
        requireNonNull(checkpoint, "checkpoint is null");
        cached = List.copyOf(requireNonNull(cached, "cached is null"));
    }

    /**
     * Frees what the run holds in the executors' memory, the checkpoint (gigabytes for a few million records) and
     * the cached data sets, and returns when it is free. Until then they stay, also in a driver that goes on to the
     * next run: Spark drops a checkpoint nobody references only after a garbage collection finds it, which may be
     * hours away. Neither {@link #events} nor {@link #origins} can be computed afterwards.
     */
    public void release() {
        free(checkpoint, cached);
    }

    static void free(JavaRDD<?> checkpoint, List<Dataset<Row>> cached) {
        cached.forEach(dataset -> dataset.unpersist(true));
        checkpoint.unpersist(true);
    }

    /**
     * A raw file moved out of the raw zone because it cannot be read to its end.
     *
     * @param file         where it was
     * @param movedTo      where it is now
     * @param recordsBefore records readable before the damage (not committed)
     * @param reason       the reader's message
     */
    public record QuarantinedFile(String file, String movedTo, long recordsBefore, String reason) {
        public QuarantinedFile {
            requireNonNull(file, "file is null");
            requireNonNull(movedTo, "movedTo is null");
            requireNonNull(reason, "reason is null");
        }
    }
}
