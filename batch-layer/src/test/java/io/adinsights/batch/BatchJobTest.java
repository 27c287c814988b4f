package io.adinsights.batch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argument errors are reported before any Spark session starts. */
class BatchJobTest {

    private static final BatchConfig CONFIG = BatchConfig.fromMap(Map.of(BatchConfig.RAW_ZONE, "/raw"));

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> BatchJob.run(new String[0], CONFIG, line -> { }))
                .hasMessage("Missing command");
        assertThatThrownBy(() -> BatchJob.run(new String[] {"compact"}, CONFIG, line -> { }))
                .hasMessage("Unknown command: compact");
        assertThatThrownBy(() -> BatchJob.run(new String[] {"run", "--from", "2026-03-29T00"}, CONFIG, line -> { }))
                .hasMessage("Missing --to");
        assertThatThrownBy(() -> BatchJob.run(new String[] {"run", "--from"}, CONFIG, line -> { }))
                .hasMessageContaining("must be --name value pairs");
        assertThatThrownBy(() -> BatchJob.run(
                new String[] {"run", "--from", "2026-03-29T05", "--to", "2026-03-29T05"}, CONFIG, line -> { }))
                .hasMessageContaining("from must be before to");
    }
}
