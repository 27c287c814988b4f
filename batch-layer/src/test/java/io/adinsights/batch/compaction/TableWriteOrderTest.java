package io.adinsights.batch.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.lake.LakeTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.hadoop.HadoopTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriteOrderTest {

    @TempDir
    Path dir;

    @Test
    void ordersAdEventsByDayThenItsSortOrder() {
        Table adEvents = table("ad_events", LakeTables.AD_EVENTS_PARTITIONING, LakeTables.AD_EVENTS_SORT_ORDER);

        List<String> order = TableWriteOrder.of(adEvents).orElseThrow().order().stream()
                .map(Object::toString).toList();

        // The day as the start of its UTC day in microseconds, from integer arithmetic; then the table's columns.
        assertThat(order).containsExactly(
                "(unix_micros(event_time) - pmod(unix_micros(event_time), 86400000000)) ASC NULLS FIRST",
                "event_type ASC NULLS FIRST",
                "campaign_id ASC NULLS FIRST", "event_time ASC NULLS FIRST");
    }

    @Test
    void keepsIcebergsOwnOrderForTransformsItDoesNotTranslate() {
        PartitionSpec byBucket = PartitionSpec.builderFor(LakeTables.AD_EVENTS_SCHEMA).bucket("event_id", 16).build();
        PartitionSpec byHour = PartitionSpec.builderFor(LakeTables.AD_EVENTS_SCHEMA).hour("event_time").build();

        assertThat(TableWriteOrder.of(table("by_bucket", byBucket, SortOrder.unsorted()))).isEmpty();
        assertThat(TableWriteOrder.of(table("by_hour", byHour, SortOrder.unsorted()))).isEmpty();
    }

    @Test
    void anUnpartitionedUnsortedTableHasNothingToOrder() {
        Table plain = table("plain", PartitionSpec.unpartitioned(), SortOrder.unsorted());

        assertThat(TableWriteOrder.of(plain).orElseThrow().order()).isEmpty();
    }

    private Table table(String name, PartitionSpec spec, SortOrder order) {
        return new HadoopTables(new Configuration()).create(LakeTables.AD_EVENTS_SCHEMA, spec, order, Map.of(),
                dir.resolve(name).toString());
    }
}
