package io.adinsights.lakehouse.watermark;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The batch watermark: the instant up to which the batch aggregates are complete. Every hour before it is final in
 * {@code campaign_metrics_hourly}; the serving layer answers for those hours from the lake and for later ones from
 * the speed layer.
 *
 * <p>It lives in the snapshot summary of the aggregate table, under {@link #SUMMARY_PROPERTY} as an ISO-8601 instant,
 * so that data and watermark move in one atomic Iceberg commit: a reader sees either the old totals with the old
 * watermark or the new totals with the new one. Writers put {@link #commitProperties} (or, from Spark,
 * {@link #sparkWriteOptions}) on the aggregate commit after {@link #checkAdvance}.
 *
 * <p>Readers: read the watermark <b>once per API request</b> and use that one value for the whole answer. Reading it
 * twice could straddle an aggregate commit, and an hour would be counted by both layers or by neither.
 */
public final class BatchWatermark {

    /** The snapshot summary property; its value is an ISO-8601 instant such as {@code 2025-03-01T14:00:00Z}. */
    public static final String SUMMARY_PROPERTY = "adinsights.batch-watermark";
    /** The Spark write option that puts {@link #SUMMARY_PROPERTY} into the summary of the commit the write makes. */
    public static final String SPARK_WRITE_OPTION = SnapshotSummary.EXTRA_METADATA_PREFIX + SUMMARY_PROPERTY;

    private BatchWatermark() {
    }

    /**
     * The snapshot summary properties of an aggregate commit that completes the batch up to {@code watermark}, e.g.
     * {@code commitProperties(w).forEach(overwrite::set)} before {@code overwrite.commit()}, or
     * {@code CommitMetadata.withCommitProperties(commitProperties(w), ...)} around a Spark write.
     *
     * @throws IllegalArgumentException if the watermark is not the start of a UTC hour: the aggregates are hourly,
     *     so an hour is complete in the lake as a whole or not at all
     */
    public static Map<String, String> commitProperties(Instant watermark) {
        checkHour(watermark);
        return Map.of(SUMMARY_PROPERTY, watermark.toString());
    }

    /** {@link #commitProperties} as Spark write options: {@code df.writeTo(table).options(sparkWriteOptions(w))}. */
    public static Map<String, String> sparkWriteOptions(Instant watermark) {
        checkHour(watermark);
        return Map.of(SPARK_WRITE_OPTION, watermark.toString());
    }

    /**
     * Checks that a commit moving the watermark from {@code current} (as {@link #read} it before writing) to
     * {@code next} does not move it backwards: hours the API already served from the lake would go back to the speed
     * layer, which may have expired them. Staying put is allowed, e.g. when late events re-aggregate old hours.
     *
     * @throws IllegalArgumentException if {@code next} is before {@code current}
     */
    public static void checkAdvance(Optional<Instant> current, Instant next) {
        requireNonNull(current, "current is null");
        requireNonNull(next, "next is null");
        current.ifPresent(previous -> {
            if (next.isBefore(previous)) {
                throw new IllegalArgumentException(String.format(
                        "Batch watermark cannot move backwards: %s is before the table's current watermark %s",
                        next, previous));
            }
        });
    }

    /**
     * The watermark of the table as loaded: from the current snapshot's summary or, when the current snapshot does not
     * carry one (a maintenance commit: compaction, manifest rewrite), from its nearest ancestor that does. Empty when
     * no snapshot in the table's retained history carries one. This does not refresh the table.
     *
     * @throws IllegalStateException if a summary holds a value that is not an ISO-8601 instant
     */
    public static Optional<Instant> read(Table table) {
        requireNonNull(table, "table is null");
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Optional.empty();
        }
        for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            String value = snapshot.summary().get(SUMMARY_PROPERTY);
            if (value != null) {
                return Optional.of(parse(table, snapshot, value));
            }
        }
        return Optional.empty();
    }

    /**
     * The watermark of the table as it is in the catalog now: loads the table and refreshes it, so that a caching
     * catalog cannot answer with an old state, then {@link #read(Table)}. Call it once per API request.
     */
    public static Optional<Instant> read(Catalog catalog, TableIdentifier identifier) {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(identifier, "identifier is null");
        Table table = catalog.loadTable(identifier);
        table.refresh();
        return read(table);
    }

    private static void checkHour(Instant watermark) {
        requireNonNull(watermark, "watermark is null");
        if (!Granularity.HOUR.isBucketStart(watermark)) {
            throw new IllegalArgumentException(String.format(
                    "Invalid batch watermark: %s (must be the start of a UTC hour, e.g. %s)",
                    watermark, Granularity.HOUR.bucketStart(watermark)));
        }
    }

    private static Instant parse(Table table, Snapshot snapshot, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(String.format(
                    "Invalid batch watermark in snapshot %s of %s: %s (must be an ISO-8601 instant)",
                    snapshot.snapshotId(), table.name(), value), e);
        }
    }
}
