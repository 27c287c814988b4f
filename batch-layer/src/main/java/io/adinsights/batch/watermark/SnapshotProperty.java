package io.adinsights.batch.watermark;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/** An instant kept in snapshot summaries: the current snapshot's, or its nearest ancestor's that has one. */
public final class SnapshotProperty {

    private SnapshotProperty() {
    }

    public static Optional<Instant> latest(Table table, String key) {
        requireNonNull(table, "table is null");
        requireNonNull(key, "key is null");
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Optional.empty();
        }
        for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            String value = snapshot.summary().get(key);
            if (value != null) {
                try {
                    return Optional.of(Instant.parse(value));
                } catch (DateTimeParseException e) {
                    throw new IllegalStateException(String.format("Invalid %s in snapshot %d of %s: %s",
                            key, snapshot.snapshotId(), table.name(), value), e);
                }
            }
        }
        return Optional.empty();
    }
}
