package io.adinsights.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchConfigTest {

    @Test
    void readsDefaults() {
        BatchConfig config = BatchConfig.fromMap(Map.of(BatchConfig.RAW_ZONE, "s3://raw-bucket/firehose/"));

        assertThat(config.rawZone()).isEqualTo("s3://raw-bucket/firehose");
        assertThat(config.quarantineDir()).isEqualTo("s3://raw-bucket/firehose/_quarantine");
        assertThat(config.reportDir()).isEqualTo(BatchConfig.REPORT_DIR_DEFAULT);
        assertThat(config.attributionWindow().length()).isEqualTo(Duration.ofHours(1));
        assertThat(config.completenessDelay()).isEqualTo(BatchConfig.COMPLETENESS_DELAY_DEFAULT);
        assertThat(config.maxDeadLetterRatio()).isEqualTo(BatchConfig.MAX_DEAD_LETTER_RATIO_DEFAULT);
        assertThat(config.lakehouse().catalogName()).isEqualTo("lake");
    }

    @Test
    void readsEverySetting() {
        BatchConfig config = BatchConfig.fromMap(Map.of(
                BatchConfig.RAW_ZONE, "/data/raw",
                BatchConfig.QUARANTINE_DIR, "/data/quarantine",
                BatchConfig.REPORT_DIR, "/data/reports",
                BatchConfig.ATTRIBUTION_WINDOW, "PT30M",
                BatchConfig.COMPLETENESS_DELAY, "PT2H",
                BatchConfig.MAX_DEAD_LETTER_RATIO, "0.05"));

        assertThat(config.quarantineDir()).isEqualTo("/data/quarantine");
        assertThat(config.reportDir()).isEqualTo("/data/reports");
        assertThat(config.attributionWindow().length()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.completenessDelay()).isEqualTo(Duration.ofHours(2));
        assertThat(config.maxDeadLetterRatio()).isEqualTo(0.05);
    }

    @Test
    void namesTheBadValue() {
        assertThatThrownBy(() -> BatchConfig.fromMap(Map.of()))
                .hasMessageContaining(BatchConfig.RAW_ZONE);
        assertThatThrownBy(() -> BatchConfig.fromMap(Map.of(BatchConfig.RAW_ZONE, "/r",
                BatchConfig.COMPLETENESS_DELAY, "2h")))
                .hasMessage("Invalid BATCH_COMPLETENESS_DELAY: 2h (must be an ISO-8601 duration such as PT1H)");
        assertThatThrownBy(() -> BatchConfig.fromMap(Map.of(BatchConfig.RAW_ZONE, "/r",
                BatchConfig.MAX_DEAD_LETTER_RATIO, "1.5")))
                .hasMessage("Invalid BATCH_MAX_DEAD_LETTER_RATIO: 1.5 (must be in [0, 1])");
        assertThatThrownBy(() -> BatchConfig.fromMap(Map.of(BatchConfig.RAW_ZONE, "/r",
                BatchConfig.ATTRIBUTION_WINDOW, "PT0S")))
                .hasMessageContaining("Invalid attribution window: PT0S");
    }
}
