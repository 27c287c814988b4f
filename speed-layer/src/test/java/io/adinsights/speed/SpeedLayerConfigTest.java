package io.adinsights.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.speed.SpeedLayerConfig.SourceKind;
import io.adinsights.speed.SpeedLayerConfig.StartPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SpeedLayerConfigTest {

    @Test
    void aKinesisStreamGivenByNameGetsItsArnFromRegionAndAccount() {
        String[] args = {"--source.kind", "kinesis", "--kinesis.stream", "ad-events", "--kinesis.region",
            "eu-west-1", "--kinesis.account-id", "123456789012"};
        SpeedLayerConfig config = SpeedLayerConfig.fromArgs(args, Map.of());

        assertThat(config.sourceKind()).isEqualTo(SourceKind.KINESIS);
        assertThat(config.kinesisStreamArn()).isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/ad-events");
        assertThat(config.kinesisShardDiscoveryInterval())
                .isEqualTo(SpeedLayerConfig.KINESIS_SHARD_DISCOVERY_INTERVAL_DEFAULT);
        assertThat(config.kinesisEmptyPollDelay()).isEqualTo(SpeedLayerConfig.KINESIS_EMPTY_POLL_DELAY_DEFAULT);
    }

    @Test
    void aKinesisStreamArnIsUsedAsItIs() {
        String arn = "arn:aws-cn:kinesis:cn-north-1:123456789012:stream/ad-events";
        SpeedLayerConfig config = SpeedLayerConfig.fromArgs(new String[0], Map.of(
                "SPEED_LAYER_SOURCE_KIND", "KINESIS", "SPEED_LAYER_KINESIS_STREAM", arn,
                "SPEED_LAYER_KINESIS_ENDPOINT", "http://127.0.0.1:4568",
                "SPEED_LAYER_KINESIS_SHARD_DISCOVERY_INTERVAL", "500ms",
                "SPEED_LAYER_KINESIS_EMPTY_POLL_DELAY", "0s"));

        assertThat(config.kinesisStreamArn()).isEqualTo(arn);
        assertThat(config.kinesisEndpoint()).isEqualTo("http://127.0.0.1:4568");
        assertThat(config.kinesisShardDiscoveryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.kinesisEmptyPollDelay()).isZero();
    }

    @Test
    void aStreamNameWithoutAnAccountIsRefusedWithTheKeysToSet() {
        assertThatThrownBy(() -> SpeedLayerConfig.fromArgs(new String[] {"--source.kind", "kinesis"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SpeedLayerConfig.KINESIS_ACCOUNT_ID)
                .hasMessageContaining(SpeedLayerConfig.KINESIS_STREAM);
    }

    @Test
    void managedFlinkPropertiesSetTheStartPosition() {
        Properties group = new Properties();
        group.setProperty("source.kind", "kinesis");
        group.setProperty("kinesis.stream", "arn:aws:kinesis:eu-west-1:123456789012:stream/ad-events");
        group.setProperty("source.start-position", "at-timestamp");
        group.setProperty("source.start-timestamp", "2026-03-29T10:15:00Z");

        SpeedLayerConfig config = SpeedLayerConfig.fromApplicationProperties(
                Map.of(SpeedLayerConfig.PROPERTY_GROUP, group));

        assertThat(config.startPosition()).isEqualTo(StartPosition.AT_TIMESTAMP);
        assertThat(config.startTimestamp()).isEqualTo(Instant.parse("2026-03-29T10:15:00Z"));
    }

    @Test
    void startPositionsReadKinesisAndKafkaNames() {
        assertThat(StartPosition.parse("trim-horizon")).isEqualTo(StartPosition.EARLIEST);
        assertThat(StartPosition.parse("TRIM_HORIZON")).isEqualTo(StartPosition.EARLIEST);
        assertThat(StartPosition.parse("earliest")).isEqualTo(StartPosition.EARLIEST);
        assertThat(StartPosition.parse("latest")).isEqualTo(StartPosition.LATEST);
        assertThatThrownBy(() -> StartPosition.parse("newest")).hasMessageContaining("newest");
    }

    @Test
    void aStartTimestampGoesWithAtTimestampOnly() {
        String[] withoutTimestamp = {"--source.start-position", "at-timestamp"};
        String[] withoutPosition = {"--source.start-timestamp", "2026-03-29T10:15:00Z"};
        String[] badTimestamp = {"--source.start-position", "at-timestamp", "--source.start-timestamp", "yesterday"};

        assertThatThrownBy(() -> SpeedLayerConfig.fromArgs(withoutTimestamp, Map.of()))
                .hasMessageContaining(SpeedLayerConfig.START_TIMESTAMP);
        assertThatThrownBy(() -> SpeedLayerConfig.fromArgs(withoutPosition, Map.of()))
                .hasMessageContaining(SpeedLayerConfig.START_TIMESTAMP);
        assertThatThrownBy(() -> SpeedLayerConfig.fromArgs(badTimestamp, Map.of())).hasMessageContaining("yesterday");
    }

    @Test
    void kafkaStaysTheDefaultAndNeedsNoKinesisAccount() {
        SpeedLayerConfig config = SpeedLayerConfig.fromArgs(new String[0], Map.of());

        assertThat(config.sourceKind()).isEqualTo(SourceKind.KAFKA);
        assertThat(config.startPosition()).isEqualTo(StartPosition.EARLIEST);
        assertThat(config.startTimestamp()).isNull();
    }
}
