package io.adinsights.speed.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.cql.MetricTable;
import org.junit.jupiter.api.Test;

class PartialCountsTest {

    @Test
    void aRowKeyGivesBackTheLevelAndIds() {
        for (PartialCounts row : new PartialCounts[] {PartialCounts.of(MetricTable.Level.AD, "cmp-1", "ad-1", 0),
                PartialCounts.of(MetricTable.Level.CAMPAIGN, "cmp-1", null, 0),
                PartialCounts.of(MetricTable.Level.UNATTRIBUTED, null, null, 0)}) {
            assertThat(PartialCounts.ofRowKey(row.rowKey(), 0)).isEqualTo(row);
        }
    }
}
