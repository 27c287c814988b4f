package io.adinsights.serving.store.scylla;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.serving.store.MetricCounts;
import io.adinsights.serving.store.RealtimeStore;
import io.adinsights.serving.store.SeriesRequest;
import io.adinsights.serving.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Reads the speed layer's {@link MetricTable}s with prepared statements: one read per {@code period} partition the
 * range touches (a UTC day of minutes, a UTC month of hours), all in flight at once, each routed to a replica of its
 * partition by the driver's token-aware policy.
 */
public final class ScyllaRealtimeStore implements RealtimeStore {

    private static final String COLUMNS = CqlSchema.BUCKET_START + ", " + CqlSchema.IMPRESSIONS + ", "
            + CqlSchema.CLICKS + ", " + CqlSchema.CLICK_TO_BASKET;

    private final CqlSession session;
    private final String progressLayer;
    private final Map<MetricTable, PreparedStatement> reads = new EnumMap<>(MetricTable.class);
    private final PreparedStatement progress;
    /** The last progress read and when (nanoTime): freshness is shared by the requests of one moment. */
    private volatile Progress lastProgress;

    private record Progress(Optional<Instant> upTo, long readAtNanos) {
    }

    /** How long one read of {@code layer_progress} answers for: the speed layer publishes every few seconds. */
    public static final Duration PROGRESS_MAX_AGE = Duration.ofMillis(500);

    public ScyllaRealtimeStore(CqlSession session, String keyspace, String progressLayer) {
        this.session = requireNonNull(session, "session is null");
        requireNonNull(keyspace, "keyspace is null");
        this.progressLayer = requireNonNull(progressLayer, "progressLayer is null");
        for (MetricTable table : MetricTable.values()) {
            switch (table.level()) {
                case CAMPAIGN -> reads.put(table, session.prepare("SELECT " + COLUMNS + " FROM " + keyspace + "."
                        + table.tableName() + " WHERE " + CqlSchema.CAMPAIGN_ID + " = ? AND " + CqlSchema.PERIOD
                        + " = ? AND " + CqlSchema.BUCKET_START + " >= ? AND " + CqlSchema.BUCKET_START + " < ?"));
                case AD -> reads.put(table, session.prepare("SELECT " + COLUMNS + " FROM " + keyspace + "."
                        + table.tableName() + " WHERE " + CqlSchema.CAMPAIGN_ID + " = ? AND " + CqlSchema.PERIOD
                        + " = ? AND " + CqlSchema.AD_ID + " = ? AND " + CqlSchema.BUCKET_START + " >= ? AND "
                        + CqlSchema.BUCKET_START + " < ?"));
                default -> {
                    // unattributed baskets are not a campaign metric: the API does not serve them
                }
            }
        }
        this.progress = session.prepare("SELECT " + CqlSchema.PROGRESS_WATERMARK + " FROM " + keyspace + "."
                + CqlSchema.PROGRESS_TABLE + " WHERE " + CqlSchema.PROGRESS_LAYER + " = ?");
    }

    @Override
    public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
        requireNonNull(request, "request is null");
        MetricTable table = MetricTable.of(request.granularity(),
                request.adId().isPresent() ? MetricTable.Level.AD : MetricTable.Level.CAMPAIGN);
        PreparedStatement statement = reads.get(table);
        List<CompletableFuture<List<Row>>> partitions = new ArrayList<>();
        Instant last = request.to().minus(request.granularity().length());
        for (LocalDate period = table.periodOf(request.from()); !period.isAfter(table.periodOf(last));
                period = table.nextPeriod(period)) {
            LocalDate partition = period;
            BoundStatement bound = request.adId()
                    .map(ad -> statement.bind(request.campaignId(), partition, ad, request.from(), request.to()))
                    .orElseGet(() -> statement.bind(request.campaignId(), partition, request.from(), request.to()));
            partitions.add(readAll(session.executeAsync(bound)).toCompletableFuture());
        }
        SortedMap<Instant, MetricCounts> rows = new TreeMap<>();
        try {
            for (CompletableFuture<List<Row>> partition : partitions) {
                for (Row row : partition.join()) {
                    rows.put(row.getInstant(0), new MetricCounts(row.getLong(1), row.getLong(2), row.getLong(3)));
                }
            }
        } catch (CompletionException | DriverException e) {
            throw new StoreUnavailableException("ScyllaDB read failed: " + e.getMessage(), e);
        }
        return rows;
    }

    @Override
    public Optional<Instant> upTo() {
        Progress last = lastProgress;
        long now = System.nanoTime();
        if (last != null && now - last.readAtNanos() < PROGRESS_MAX_AGE.toNanos()) {
            return last.upTo();
        }
        return upToNow();
    }

    @Override
    public Optional<Instant> upToNow() {
        long now = System.nanoTime();
        try {
            Row row = session.execute(progress.bind(progressLayer)).one();
            Optional<Instant> upTo = row == null ? Optional.empty() : Optional.ofNullable(row.getInstant(0));
            lastProgress = new Progress(upTo, now);
            return upTo;
        } catch (DriverException e) {
            throw new StoreUnavailableException("ScyllaDB progress read failed: " + e.getMessage(), e);
        }
    }

    private static CompletionStage<List<Row>> readAll(CompletionStage<AsyncResultSet> first) {
        return first.thenCompose(page -> collect(page, new ArrayList<>()));
    }

    private static CompletionStage<List<Row>> collect(AsyncResultSet page, List<Row> rows) {
        page.currentPage().forEach(rows::add);
        if (page.hasMorePages()) {
            return page.fetchNextPage().thenCompose(next -> collect(next, rows));
        }
        return CompletableFuture.completedFuture(rows);
    }
}
