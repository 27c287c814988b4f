package io.adinsights.speed.sink;

import static java.util.Objects.requireNonNull;

import io.adinsights.speed.window.MetricRow;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes whole window totals to the speed layer's CQL tables as upserts with a TTL, and the job's watermark to
 * {@code layer_progress}. Every write is idempotent and a checkpoint completes only after every row before its
 * barrier is written, so a replay from a checkpoint rewrites the same values: effectively exactly-once.
 */
public final class ScyllaMetricsSink implements Sink<MetricRow> {

    public static final int MAX_IN_FLIGHT_DEFAULT = 256;
    public static final int MAX_PENDING_ROWS_DEFAULT = 5_000;
    public static final Duration FLUSH_INTERVAL_DEFAULT = Duration.ofMillis(200);
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
    public SinkWriter<MetricRow> createWriter(WriterInitContext context) {
        return new ScyllaMetricsWriter(connection, layerName, settings, context.getProcessingTimeService(),
                context.metricGroup());
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
}
