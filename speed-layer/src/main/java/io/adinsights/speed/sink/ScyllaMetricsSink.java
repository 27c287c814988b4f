package io.adinsights.speed.sink;

import static java.util.Objects.requireNonNull;

import io.adinsights.speed.window.MetricRow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.OptionalLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes whole window totals to the speed layer's CQL tables as upserts with a TTL, and the job's watermark to
 * {@code layer_progress}. Every write is idempotent and a checkpoint completes only after every row before its
 * barrier is written, so a replay from a checkpoint rewrites the same values: effectively exactly-once.
 *
 * <p>The watermark written by a checkpoint is its state. A replay rewrites the rows of windows that were still open
 * at the checkpoint, first with partial totals, so a writer restored from it writes that watermark back to
 * {@code layer_progress} before anything else: readers never take a row being replayed for a final one.
 */
public final class ScyllaMetricsSink implements Sink<MetricRow>, SupportsWriterState<MetricRow, Long> {

    public static final int MAX_IN_FLIGHT_DEFAULT = 256;
    public static final int MAX_PENDING_ROWS_DEFAULT = 5_000;
    public static final Duration FLUSH_INTERVAL_DEFAULT = Duration.ofMillis(100);
    public static final Duration RETRY_TIMEOUT_DEFAULT = Duration.ofMinutes(3);

    private static final long serialVersionUID = 1L;

    private final CqlConnection connection;
    private final String layerName;
    private final WriterSettings settings;

    public ScyllaMetricsSink(CqlConnection connection, String layerName, WriterSettings settings) {
        this.connection = requireNonNull(connection, "connection is null");
        this.layerName = requireNonNull(layerName, "layerName is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    public ScyllaMetricsSink(CqlConnection connection, String layerName) {
        this(connection, layerName, WriterSettings.defaults());
    }

    @Override
    public StatefulSinkWriter<MetricRow, Long> createWriter(WriterInitContext context) throws IOException {
        return new ScyllaMetricsWriter(connection, layerName, settings, context.getProcessingTimeService(),
                context.metricGroup(), OptionalLong.empty());
    }

    @Override
    public StatefulSinkWriter<MetricRow, Long> restoreWriter(WriterInitContext context, Collection<Long> recovered)
            throws IOException {
        // One writer; should there be several states, the lowest watermark is one all of them had written.
        OptionalLong watermark = recovered.stream().mapToLong(Long::longValue).min();
        return new ScyllaMetricsWriter(connection, layerName, settings, context.getProcessingTimeService(),
                context.metricGroup(), watermark);
    }

    @Override
    public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
        return new WatermarkSerializer();
    }

    /** Flink 1.20 still declares this factory; it calls the one above. */
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<MetricRow> createWriter(InitContext context) {
        throw new UnsupportedOperationException("Flink >= 1.19 creates writers with a WriterInitContext");
    }

    /**
     * How the writer batches and retries.
     *
     * @param maxInFlight    concurrent CQL requests at most
     * @param maxPendingRows rows coalesced (latest total per row) before they are sent
     * @param flushInterval  how often coalesced rows and the watermark are written
     * @param retryTimeout   how long a failing write is retried (with backoff) before the job fails
     */
    public record WriterSettings(int maxInFlight, int maxPendingRows, Duration flushInterval, Duration retryTimeout)
            implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        public WriterSettings {
            if (maxInFlight < 1 || maxPendingRows < 1) {
                throw new IllegalArgumentException("Invalid writer settings: maxInFlight " + maxInFlight
                        + ", maxPendingRows " + maxPendingRows + " (both must be >= 1)");
            }
            requireNonNull(flushInterval, "flushInterval is null");
            requireNonNull(retryTimeout, "retryTimeout is null");
        }

        public static WriterSettings defaults() {
            return new WriterSettings(MAX_IN_FLIGHT_DEFAULT, MAX_PENDING_ROWS_DEFAULT, FLUSH_INTERVAL_DEFAULT,
                    RETRY_TIMEOUT_DEFAULT);
        }
    }

    /** The writer's state: the watermark it had written to {@code layer_progress}, in epoch milliseconds. */
    static final class WatermarkSerializer implements SimpleVersionedSerializer<Long> {

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Long watermark) {
            return ByteBuffer.allocate(Long.BYTES).putLong(watermark).array();
        }

        @Override
        public Long deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1 || serialized.length != Long.BYTES) {
                throw new IOException("Unknown writer state: version " + version + ", " + serialized.length
                        + " bytes");
            }
            return ByteBuffer.wrap(serialized).getLong();
        }
    }
}
