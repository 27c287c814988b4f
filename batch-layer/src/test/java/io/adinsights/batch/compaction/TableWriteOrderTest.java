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
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.hadoop.HadoopTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriteOrderTest {

    @TempDir
    Path dir;

    @Test
    void ordersAdEventsByItsSortOrderAloneWithoutItsDay() {
        Table adEvents = table("ad_events", LakeTables.AD_EVENTS_PARTITIONING, LakeTables.AD_EVENTS_SORT_ORDER);

        List<String> order = TableWriteOrder.of(adEvents).orElseThrow().order().stream()
                .map(Object::toString).toList();

        assertThat(order).containsExactly("event_type ASC NULLS FIRST", "campaign_id ASC NULLS FIRST",
                "event_time ASC NULLS FIRST");
    }

    @Test
    void keepsIcebergsOwnOrderForTransformsItDoesNotTranslate() {
        SortOrder byDay = SortOrder.builderFor(LakeTables.AD_EVENTS_SCHEMA).asc(Expressions.day("event_time")).build();
        SortOrder byBucket = SortOrder.builderFor(LakeTables.AD_EVENTS_SCHEMA)
                .asc(Expressions.bucket("event_id", 16)).asc("event_time").build();

        assertThat(TableWriteOrder.of(table("by_day", PartitionSpec.unpartitioned(), byDay))).isEmpty();
        assertThat(TableWriteOrder.of(table("by_bucket", PartitionSpec.unpartitioned(), byBucket))).isEmpty();
    }

    @Test
    void aTableWithoutSortOrderHasNothingToOrderWhateverItsPartitions() {
        PartitionSpec byBucket = PartitionSpec.builderFor(LakeTables.AD_EVENTS_SCHEMA).bucket("event_id", 16).build();

        assertThat(TableWriteOrder.of(table("plain", PartitionSpec.unpartitioned(), SortOrder.unsorted()))
                .orElseThrow().order()).isEmpty();
        assertThat(TableWriteOrder.of(table("by_bucket", byBucket, SortOrder.unsorted())).orElseThrow().order())
                .isEmpty();
    }

    private Table table(String name, PartitionSpec spec, SortOrder order) {
        return new HadoopTables(new Configuration()).create(LakeTables.AD_EVENTS_SCHEMA, spec, order, Map.of(),
                dir.resolve(name).toString());
    }
}
