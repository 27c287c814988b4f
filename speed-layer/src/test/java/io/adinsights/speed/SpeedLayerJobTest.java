package io.adinsights.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.speed.SpeedLayerConfig.SourceKind;
import io.adinsights.speed.SpeedLayerConfig.StartPosition;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants.InitialPosition;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigUtil;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.contrib.streaming.state.RocksDBResourceContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;

class SpeedLayerJobTest {

    private static SpeedLayerConfig.Builder kinesis() {
        return SpeedLayerConfig.builder()
                .sourceKind(SourceKind.KINESIS)
                .kinesis("arn:aws:kinesis:us-east-1:000000000000:stream/ad-events", "http://127.0.0.1:4568",
                        "us-east-1")
                .kinesisShardDiscoveryInterval(Duration.ofSeconds(2));
    }

    @Test
    void theKinesisConnectorGetsRegionEndpointDiscoveryAndTrimHorizon() {
        Configuration source = SpeedLayerJob.kinesisSourceConfig(kinesis().build());

        assertThat(source.toMap()).containsEntry(SpeedLayerJob.AWS_REGION, "us-east-1")
                .containsEntry(SpeedLayerJob.AWS_ENDPOINT, "http://127.0.0.1:4568");
        assertThat(source.get(KinesisStreamsSourceConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS)).isEqualTo(2_000L);
        assertThat(source.get(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION))
                .isEqualTo(InitialPosition.TRIM_HORIZON);
    }

    @Test
    void aStartTimestampReachesTheConnectorToTheMillisecond() {
        Instant start = Instant.parse("2026-03-29T10:15:00.125Z");
        Configuration source = SpeedLayerJob.kinesisSourceConfig(kinesis()
                .startPosition(StartPosition.AT_TIMESTAMP).startTimestamp(start).build());

        assertThat(source.get(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION))
                .isEqualTo(InitialPosition.AT_TIMESTAMP);
        assertThat(KinesisStreamsSourceConfigUtil.parseStreamTimestampStartingPosition(source).toInstant())
                .isEqualTo(start);
    }

    @Test
    void latestStaysLatest() {
        Configuration source = SpeedLayerJob.kinesisSourceConfig(kinesis().startPosition(StartPosition.LATEST)
                .build());

        assertThat(source.get(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION))
                .isEqualTo(InitialPosition.LATEST);
        assertThat(source.toMap()).doesNotContainKey(
                KinesisStreamsSourceConfigConstants.STREAM_INITIAL_TIMESTAMP.key());
    }

    @Test
    void stateIsIncrementalRocksDbWithBloomFiltersAlsoAfterAClusterConfiguresIt(@TempDir Path dir) throws Exception {
        // A cluster applies its own configuration (here none of the RocksDB options) to the job's backend.
        EmbeddedRocksDBStateBackend backend = SpeedLayerJob.stateBackend()
                .configure(new Configuration(), getClass().getClassLoader());

        assertThat(backend.isIncrementalCheckpointsEnabled()).isTrue();
        // The options each column family (each state) is opened with; the method is internal to Flink.
        Method container = EmbeddedRocksDBStateBackend.class.getDeclaredMethod("createOptionsAndResourceContainer",
                File.class);
        container.setAccessible(true);
        try (RocksDBResourceContainer options = (RocksDBResourceContainer) container.invoke(backend, dir.toFile())) {
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.getColumnOptions().tableFormatConfig();
            assertThat(table.filterPolicy()).isInstanceOf(BloomFilter.class);
        }
    }
}
