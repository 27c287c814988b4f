package io.adinsights.serving.store.iceberg;

import static java.util.Objects.requireNonNull;

import io.adinsights.lakehouse.watermark.BatchWatermark;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.serving.store.HistoricalStore;
import io.adinsights.serving.store.MetricCounts;
import io.adinsights.serving.store.SeriesRequest;
import io.adinsights.serving.store.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads {@code campaign_metrics_hourly} directly through the lakehouse catalog. {@link #pin()} refreshes the table
 * once and keeps its current snapshot: the batch watermark is read from that snapshot's history and every read of the
 * request scans that same snapshot, so data and watermark always belong to one commit, however the batch layer moves
 * meanwhile.
 */
public final class IcebergHistoricalStore implements HistoricalStore {

    private final Catalog catalog;
    private final TableIdentifier identifier;
    private final Duration refreshInterval;
    private final Object refreshLock = new Object();
    private Table table;
    private PinnedState latest;
    private long latestNanos;

    /**
     * @param refreshInterval how long a pinned state is handed to new requests before the catalog is asked again
     *     (zero: every request refreshes). A state is always one commit, watermark and data together; this only bounds
     *     how late a new batch commit is seen, and keeps concurrent requests from queueing on the catalog.
     */
    public IcebergHistoricalStore(Catalog catalog, TableIdentifier identifier, Duration refreshInterval) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.identifier = requireNonNull(identifier, "identifier is null");
        this.refreshInterval = requireNonNull(refreshInterval, "refreshInterval is null");
    }

    @Override
    public LakeState pin() {
        try {
            synchronized (refreshLock) {
                long nanos = System.nanoTime();
                if (latest != null && nanos - latestNanos < refreshInterval.toNanos()) {
                    return latest;
                }
                if (table == null) {
                    table = catalog.loadTable(identifier);
                }
                table.refresh();
                Snapshot snapshot = table.currentSnapshot();
                Optional<Instant> watermark = BatchWatermark.read(table);
                latest = new PinnedState(table, snapshot, watermark);
                latestNanos = nanos;
                return latest;
            }
        } catch (NoSuchTableException e) {
            throw new StoreUnavailableException("The lake table " + identifier + " does not exist", e);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("The lake catalog could not be read: " + e.getMessage(), e);
        }
    }

    private static final class PinnedState implements LakeState {

        private final Table table;
        private final Snapshot snapshot;
        private final Optional<Instant> watermark;

        PinnedState(Table table, Snapshot snapshot, Optional<Instant> watermark) {
            this.table = table;
            this.snapshot = snapshot;
            this.watermark = watermark;
        }

        @Override
        public Optional<Instant> watermark() {
            return watermark;
        }

        @Override
        public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
            requireNonNull(request, "request is null");
            if (request.granularity() != Granularity.HOUR) {
                throw new IllegalArgumentException("The lake keeps hours only, not " + request.granularity());
            }
            SortedMap<Instant, MetricCounts> rows = new TreeMap<>();
            if (snapshot == null) {
                return rows;
            }
            Expression filter = Expressions.and(
                    Expressions.equal("campaign_id", request.campaignId()),
                    Expressions.greaterThanOrEqual("hour", micros(request.from())),
                    Expressions.lessThan("hour", micros(request.to())));
            if (request.adId().isPresent()) {
                filter = Expressions.and(filter, Expressions.equal("ad_id", request.adId().get()));
            }
            try (CloseableIterable<Record> records = IcebergGenerics.read(table)
                    .useSnapshot(snapshot.snapshotId())
                    .where(filter)
                    .build()) {
                for (Record record : records) {
                    Instant hour = ((OffsetDateTime) record.getField("hour")).toInstant();
                    // The scan prunes files by the filter; rows are checked again so that none outside it counts.
                    if (!matches(record, hour, request)) {
                        continue;
                    }
                    MetricCounts counts = new MetricCounts((Long) record.getField("impressions"),
                            (Long) record.getField("clicks"), (Long) record.getField("click_to_basket"));
                    rows.merge(hour, counts, MetricCounts::plus);
                }
            } catch (IOException e) {
                throw new StoreUnavailableException("The lake could not be read: " + e.getMessage(),
                        new UncheckedIOException(e));
            } catch (RuntimeException e) {
                throw new StoreUnavailableException("The lake could not be read: " + e.getMessage(), e);
            }
            return rows;
        }

        private static boolean matches(Record record, Instant hour, SeriesRequest request) {
            return request.campaignId().equals(record.getField("campaign_id"))
                    && request.adId().map(ad -> ad.equals(record.getField("ad_id"))).orElse(true)
                    && !hour.isBefore(request.from()) && hour.isBefore(request.to());
        }

        private static long micros(Instant instant) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        }
    }
}
