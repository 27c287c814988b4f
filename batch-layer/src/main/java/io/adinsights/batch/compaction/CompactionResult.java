package io.adinsights.batch.compaction;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
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
 *                          run's in-memory checkpoint of the parsed records at each use)
 * @param origins           the origins of the batch's dead letters, cached: unpersist them when done, since their
 *                          plan holds the run's checkpoint of the parsed records in memory until then
 * @param compactedThrough  the end of the contiguous range of compacted raw hours after this run
 */
public record CompactionResult(
        long files,
        List<QuarantinedFile> quarantined,
        long recordsRead,
        long validRecords,
        long invalidRecords,
        Dataset<Row> events,
        Dataset<Row> origins,
        Instant compactedThrough) {

    public CompactionResult {
        quarantined = List.copyOf(requireNonNull(quarantined, "quarantined is null"));
        requireNonNull(events, "events is null");
        requireNonNull(origins, "origins is null");
        requireNonNull(compactedThrough, "compactedThrough is null");
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
