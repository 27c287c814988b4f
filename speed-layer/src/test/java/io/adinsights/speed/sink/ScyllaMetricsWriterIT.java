package io.adinsights.speed.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.cql.CqlServerExtension;
import io.adinsights.speed.migrate.CreateSchema;
import io.adinsights.speed.window.MetricRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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

    @Test
    void rowsOfOnePartitionGoInBatchesAndEveryRowIsWritten() throws Exception {
        CqlConnection connection = connection("sink_batches");
        int ads = ScyllaMetricsWriter.MAX_BATCH_ROWS + 5;
        long bucket = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        try (CqlSession session = cql.openSession();
                ScyllaMetricsWriter writer = writer(connection, OptionalLong.empty())) {
            for (int ad = 0; ad < ads; ad++) {
                writer.write(row(MetricTable.AD_BY_MINUTE, "cmp-1", "ad-" + ad, bucket, ad), null);
            }
            writer.write(row(MetricTable.AD_BY_MINUTE, "cmp-2", "ad-x", bucket, 7), null);
            writer.write(row(MetricTable.CAMPAIGN_BY_MINUTE, "cmp-1", null, bucket, 99), null);
            writer.flush(false);

            String ad = "SELECT " + CqlSchema.AD_ID + ", " + CqlSchema.IMPRESSIONS + " FROM " + connection.keyspace()
                    + "." + MetricTable.AD_BY_MINUTE.tableName() + " WHERE " + CqlSchema.CAMPAIGN_ID + " = ? AND "
                    + CqlSchema.PERIOD + " = ?";
            LocalDate day = MetricTable.AD_BY_MINUTE.periodOf(Instant.ofEpochMilli(bucket));
            List<Row> cmp1 = session.execute(ad, "cmp-1", day).all();
            assertThat(cmp1).hasSize(ads);
            assertThat(cmp1).allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(
                    Long.parseLong(r.getString(0).substring("ad-".length()))));
            assertThat(session.execute(ad, "cmp-2", day).one().getLong(1)).isEqualTo(7);
            assertThat(session.execute("SELECT " + CqlSchema.IMPRESSIONS + " FROM " + connection.keyspace() + "."
                    + MetricTable.CAMPAIGN_BY_MINUTE.tableName() + " WHERE " + CqlSchema.CAMPAIGN_ID + " = ? AND "
                    + CqlSchema.PERIOD + " = ?", "cmp-1", day).one().getLong(0)).isEqualTo(99);
        }
    }

    private static MetricRow row(MetricTable table, String campaignId, String adId, long bucket, long impressions) {
        MetricRow row = new MetricRow();
        row.table = table;
        row.campaignId = campaignId;
        row.adId = adId;
        row.bucketStart = bucket;
        row.impressions = impressions;
        return row;
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
