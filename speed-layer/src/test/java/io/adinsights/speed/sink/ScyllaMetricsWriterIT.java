package io.adinsights.speed.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.cql.CqlServerExtension;
import io.adinsights.speed.migrate.CreateSchema;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The writer's watermark state against a real CQL server: what a restore writes back to layer_progress. */
@ExtendWith(CqlServerExtension.class)
class ScyllaMetricsWriterIT {

    private static final String LAYER = "speed-layer";
    private static final Instant CHECKPOINTED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant WRITTEN_SINCE = Instant.parse("2026-11-26T10:07:30Z");

    private final CqlServer cql;

    ScyllaMetricsWriterIT(CqlServer cql) {
        this.cql = cql;
    }

    @Test
    void aRestoredWriterPutsTheCheckpointsWatermarkBackBeforeAnyReplayedRow() throws Exception {
        CqlConnection connection = connection("sink_restored");
        try (CqlSession session = cql.openSession()) {
            writeProgress(session, connection.keyspace(), WRITTEN_SINCE);

            try (ScyllaMetricsWriter writer = writer(connection, OptionalLong.of(CHECKPOINTED.toEpochMilli()))) {
                assertThat(progress(session, connection.keyspace())).isEqualTo(CHECKPOINTED);
                assertThat(writer.snapshotState(1)).containsExactly(CHECKPOINTED.toEpochMilli());
            }
        }
    }

    @Test
    void aFreshWriterLeavesTheProgressAloneAndHasNoStateUntilItWritesAWatermark() throws Exception {
        CqlConnection connection = connection("sink_fresh");
        try (CqlSession session = cql.openSession()) {
            writeProgress(session, connection.keyspace(), WRITTEN_SINCE);

            try (ScyllaMetricsWriter writer = writer(connection, OptionalLong.empty())) {
                assertThat(progress(session, connection.keyspace())).isEqualTo(WRITTEN_SINCE);
                assertThat(writer.snapshotState(1)).isEmpty();

                writer.writeWatermark(new org.apache.flink.api.common.eventtime.Watermark(
                        CHECKPOINTED.toEpochMilli()));
                writer.flush(false);

                assertThat(progress(session, connection.keyspace())).isEqualTo(CHECKPOINTED);
                assertThat(writer.snapshotState(2)).containsExactly(CHECKPOINTED.toEpochMilli());
            }
        }
    }

    @Test
    void theStateSurvivesItsSerializer() throws Exception {
        ScyllaMetricsSink.WatermarkSerializer serializer = new ScyllaMetricsSink.WatermarkSerializer();

        assertThat(serializer.deserialize(serializer.getVersion(),
                serializer.serialize(CHECKPOINTED.toEpochMilli()))).isEqualTo(CHECKPOINTED.toEpochMilli());
    }

    private CqlConnection connection(String keyspace) {
        CqlConnection connection = new CqlConnection(List.of(cql.contactPoint().getHostString() + ":" + cql.port()),
                cql.localDatacenter(), keyspace, "LOCAL_ONE");
        CreateSchema.create(connection, CqlSchema.simpleReplication(1));
        return connection;
    }

    private static ScyllaMetricsWriter writer(CqlConnection connection, OptionalLong restored) throws Exception {
        return new ScyllaMetricsWriter(connection, LAYER, ScyllaMetricsSink.WriterSettings.defaults(),
                new StoppedClock(), new UnregisteredMetricsGroup(), restored);
    }

    private static void writeProgress(CqlSession session, String keyspace, Instant watermark) {
        session.execute("INSERT INTO " + keyspace + "." + CqlSchema.PROGRESS_TABLE + " (" + CqlSchema.PROGRESS_LAYER
                + ", " + CqlSchema.PROGRESS_WATERMARK + ", " + CqlSchema.PROGRESS_UPDATED_AT + ") VALUES (?, ?, ?)",
                LAYER, watermark, watermark);
    }

    private static Instant progress(CqlSession session, String keyspace) {
        Row row = session.execute("SELECT " + CqlSchema.PROGRESS_WATERMARK + " FROM " + keyspace + "."
                + CqlSchema.PROGRESS_TABLE + " WHERE " + CqlSchema.PROGRESS_LAYER + " = ?", LAYER).one();
        return row == null ? null : row.getInstant(0);
    }

    /** Processing time that never advances: the writer's periodic flush stays out of the test's way. */
    private static final class StoppedClock implements ProcessingTimeService {

        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
            return null;
        }
    }
}
