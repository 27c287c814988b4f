package io.adinsights.speed.sink;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Retention;
import io.adinsights.speed.window.MetricRow;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces rows (only the latest total of a row is sent), sends them asynchronously with a bounded number of
 * requests in flight, retries failures with backoff, and on {@link #flush} waits for every request: Flink calls it
 * before each checkpoint barrier. Each statement carries its own write timestamp, taken when it is first sent, so a
 * retried older total can never overwrite a newer one.
 */
final class ScyllaMetricsWriter implements StatefulSinkWriter<MetricRow, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(ScyllaMetricsWriter.class);
    private static final long MAX_BACKOFF_MILLIS = 4_000;
    /** Rows of one batch at most: up to about 4 KiB, below the server's batch size warning (5 KiB by default). */
    static final int MAX_BATCH_ROWS = 24;

    private final CqlSession session;
    private final String layerName;
    private final ScyllaMetricsSink.WriterSettings settings;
    private final ProcessingTimeService timeService;
    private final DefaultConsistencyLevel consistency;
    private final Map<MetricTable, PreparedStatement> upserts = new EnumMap<>(MetricTable.class);
    private final PreparedStatement progressUpsert;
    private final Map<String, MetricRow> pending = new LinkedHashMap<>();
    private final Semaphore inFlight;
    private final ScheduledExecutorService retries;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong lastTimestampMicros = new AtomicLong();
    private final Counter rowsWritten;
    private final Counter rowsExpired;
    private final Counter writeRetries;
    private final Counter writeFailures;
    private final Histogram writeLatencyMillis;
    private long watermark = Long.MIN_VALUE;
    private long watermarkWritten = Long.MIN_VALUE;

    ScyllaMetricsWriter(CqlConnection connection, String layerName, ScyllaMetricsSink.WriterSettings settings,
            ProcessingTimeService timeService, MetricGroup metrics, OptionalLong restoredWatermark)
            throws IOException {
        this.layerName = requireNonNull(layerName, "layerName is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.timeService = requireNonNull(timeService, "timeService is null");
        this.consistency = DefaultConsistencyLevel.valueOf(connection.consistency());
        this.session = connection.open();
        String keyspace = connection.keyspace();
        for (MetricTable table : MetricTable.values()) {
            upserts.put(table, session.prepare(upsertCql(keyspace, table)));
        }
        this.progressUpsert = session.prepare("INSERT INTO " + keyspace + "." + CqlSchema.PROGRESS_TABLE + " ("
                + CqlSchema.PROGRESS_LAYER + ", " + CqlSchema.PROGRESS_WATERMARK + ", "
                + CqlSchema.PROGRESS_UPDATED_AT + ") VALUES (?, ?, ?)");
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scylla-sink-retries");
            thread.setDaemon(true);
            return thread;
        });
        this.rowsWritten = metrics.counter("rowsWritten");
        this.rowsExpired = metrics.counter("rowsPastRetention");
        this.writeRetries = metrics.counter("writeRetries");
        this.writeFailures = metrics.counter("writeFailures");
        this.writeLatencyMillis = metrics.histogram("writeLatencyMillis", new DescriptiveStatisticsHistogram(1_000));
        metrics.gauge("watermarkLagMillis", () -> watermark == Long.MIN_VALUE ? 0L
                : Math.max(0L, System.currentTimeMillis() - watermark));
        if (restoredWatermark.isPresent()) {
            // Back to the checkpoint's watermark before any replayed row is written.
            watermark = restoredWatermark.getAsLong();
            try {
                writeProgress();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while writing the restored watermark", e);
            }
            LOG.info("Restored from a checkpoint: {} is complete up to {} again", layerName,
                    Instant.ofEpochMilli(watermarkWritten));
        }
        scheduleFlush();
    }

    static String upsertCql(String keyspace, MetricTable table) {
        String target = keyspace + "." + table.tableName();
        return switch (table.level()) {
            case CAMPAIGN -> "INSERT INTO " + target + " (" + CqlSchema.CAMPAIGN_ID + ", " + CqlSchema.PERIOD + ", "
                    + CqlSchema.BUCKET_START + ", " + CqlSchema.IMPRESSIONS + ", " + CqlSchema.CLICKS + ", "
                    + CqlSchema.CLICK_TO_BASKET + ") VALUES (?, ?, ?, ?, ?, ?) USING TTL ?";
            case AD -> "INSERT INTO " + target + " (" + CqlSchema.CAMPAIGN_ID + ", " + CqlSchema.PERIOD + ", "
                    + CqlSchema.AD_ID + ", " + CqlSchema.BUCKET_START + ", " + CqlSchema.IMPRESSIONS + ", "
                    + CqlSchema.CLICKS + ", " + CqlSchema.CLICK_TO_BASKET
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?";
            case UNATTRIBUTED -> "INSERT INTO " + target + " (" + CqlSchema.PERIOD + ", " + CqlSchema.BUCKET_START
                    + ", " + CqlSchema.BASKETS + ") VALUES (?, ?, ?) USING TTL ?";
        };
    }

    @Override
    public void write(MetricRow row, Context context) throws IOException, InterruptedException {
        checkFailure();
        pending.put(row.rowKey(), row);
        if (pending.size() >= settings.maxPendingRows()) {
            sendPending();
        }
    }

    @Override
    public void writeWatermark(Watermark mark) {
        watermark = mark.getTimestamp();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendPending();
        awaitInFlight();
        writeProgress();
    }

    private void scheduleFlush() {
        timeService.registerTimer(timeService.getCurrentProcessingTime() + settings.flushInterval().toMillis(),
                time -> {
                    flush(false);
                    scheduleFlush();
                });
    }

    /**
     * Sends the coalesced rows, those of one partition together in unlogged batches: a single-partition batch is one
     * request and one mutation on the server, where rows one by one cost a request each.
     */
    private void sendPending() throws InterruptedException, IOException {
        Instant now = Instant.now();
        Map<PartitionKey, List<BatchableStatement<?>>> partitions = new LinkedHashMap<>();
        for (MetricRow row : pending.values()) {
            long ttl = Retention.ttlSeconds(row.table.granularity(), Instant.ofEpochMilli(row.bucketStart), now);
            if (ttl <= 0) {
                rowsExpired.inc();
                continue;
            }
            partitions.computeIfAbsent(PartitionKey.of(row), key -> new ArrayList<>())
                    .add(bind(row, (int) Math.min(ttl, Integer.MAX_VALUE)));
        }
        pending.clear();
        for (List<BatchableStatement<?>> rows : partitions.values()) {
            for (int from = 0; from < rows.size(); from += MAX_BATCH_ROWS) {
                List<BatchableStatement<?>> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_BATCH_ROWS));
                checkFailure();
                send(chunk.size() == 1 ? chunk.get(0) : BatchStatement.newInstance(BatchType.UNLOGGED, chunk));
                rowsWritten.inc(chunk.size());
            }
        }
    }

    private BoundStatement bind(MetricRow row, int ttl) {
        MetricTable table = row.table;
        Instant bucket = Instant.ofEpochMilli(row.bucketStart);
        BoundStatement statement = switch (table.level()) {
            case CAMPAIGN -> upserts.get(table).bind(row.campaignId, table.periodOf(bucket), bucket,
                    row.impressions, row.clicks, row.clickToBasket, ttl);
            case AD -> upserts.get(table).bind(row.campaignId, table.periodOf(bucket), row.adId, bucket,
                    row.impressions, row.clicks, row.clickToBasket, ttl);
            case UNATTRIBUTED -> upserts.get(table).bind(table.periodOf(bucket), bucket, row.unattributedBaskets,
                    ttl);
        };
        return statement;
    }

    private void writeProgress() throws InterruptedException, IOException {
        if (watermark == Long.MIN_VALUE || watermark == watermarkWritten) {
            return;
        }
        // Every row emitted before this watermark has been acknowledged (awaitInFlight ran just before).
        long written = watermark;
        send(progressUpsert.bind(layerName, Instant.ofEpochMilli(written), Instant.now()));
        awaitInFlight();
        watermarkWritten = written;
    }

    private void send(Statement<?> statement) throws InterruptedException {
        Statement<?> stamped = statement.setConsistencyLevel(consistency).setIdempotent(true)
                .setQueryTimestamp(nextTimestampMicros());
        inFlight.acquire();
        execute(stamped, 0, System.nanoTime());
    }

    private void execute(Statement<?> statement, int attempt, long firstSentNanos) {
        long sentNanos = System.nanoTime();
        session.executeAsync(statement).whenComplete((result, error) -> {
            if (error == null) {
                writeLatencyMillis.update(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentNanos));
                inFlight.release();
            } else if (System.nanoTime() - firstSentNanos < settings.retryTimeout().toNanos()) {
                writeRetries.inc();
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(attempt, 10));
                if (attempt % 10 == 0) {
                    LOG.warn("CQL write failed (attempt {}), retrying in {} ms: {}", attempt + 1, backoff,
                            error.toString());
                }
                retries.schedule(() -> execute(statement, attempt + 1, firstSentNanos), backoff,
                        TimeUnit.MILLISECONDS);
            } else {
                writeFailures.inc();
                failure.compareAndSet(null, error);
                inFlight.release();
            }
        });
    }

    private long nextTimestampMicros() {
        long now = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        return lastTimestampMicros.updateAndGet(last -> Math.max(now, last + 1));
    }

    private void awaitInFlight() throws InterruptedException, IOException {
        inFlight.acquire(settings.maxInFlight());
        inFlight.release(settings.maxInFlight());
        checkFailure();
    }

    private void checkFailure() throws IOException {
        Throwable error = failure.get();
        if (error != null) {
            throw new IOException("CQL writes failed for longer than " + settings.retryTimeout(), error);
        }
    }

    /** The partition of a row: its table, campaign (none in the unattributed tables) and period. */
    private record PartitionKey(MetricTable table, String campaignId, LocalDate period) {

        static PartitionKey of(MetricRow row) {
            return new PartitionKey(row.table, row.campaignId,
                    row.table.periodOf(Instant.ofEpochMilli(row.bucketStart)));
        }
    }

    /** The watermark written so far: {@link #flush} ran just before, so it covers every row before the barrier. */
    @Override
    public List<Long> snapshotState(long checkpointId) {
        return watermarkWritten == Long.MIN_VALUE ? List.of() : List.of(watermarkWritten);
    }

    @Override
    public void close() throws Exception {
        retries.shutdownNow();
        session.close();
    }
}
