package io.adinsights.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.speed.SpeedLayerConfig.SourceKind;
import io.adinsights.speed.SpeedLayerConfig.StartPosition;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants.InitialPosition;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigUtil;
import org.junit.jupiter.api.Test;

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
}
