package io.adinsights.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.lakehouse.LocalLake;
import io.adinsights.schemas.lake.LakeTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseTablesTest {

    @TempDir
    Path dir;

    private LocalLake lake;
    private Namespace namespace;

    @BeforeEach
    void openLake() {
        lake = new LocalLake(dir);
        namespace = lake.config().namespace();
    }

    @AfterEach
    void closeLake() {
        lake.close();
    }

    @Test
    void createsEveryLakeTableWithTheLayoutOfLakeTables() {
        List<TableIdentifier> created = LakehouseTables.createMissing(lake.catalog(), namespace);

        assertThat(created).extracting(TableIdentifier::name).containsExactly(LakeTables.AD_EVENTS,
                LakeTables.DEAD_LETTERS, LakeTables.CAMPAIGN_METRICS_HOURLY, LakeTables.UNATTRIBUTED_BASKETS_HOURLY);
        assertLayout(LakeTables.AD_EVENTS, LakeTables.AD_EVENTS_SCHEMA.asStruct(),
                LakeTables.AD_EVENTS_PARTITIONING, LakeTables.AD_EVENTS_SORT_ORDER);
        assertLayout(LakeTables.DEAD_LETTERS, LakeTables.DEAD_LETTERS_SCHEMA.asStruct(),
                LakeTables.DEAD_LETTERS_PARTITIONING, SortOrder.unsorted());
        assertLayout(LakeTables.CAMPAIGN_METRICS_HOURLY, LakeTables.CAMPAIGN_METRICS_HOURLY_SCHEMA.asStruct(),
                LakeTables.CAMPAIGN_METRICS_HOURLY_PARTITIONING, LakeTables.CAMPAIGN_METRICS_HOURLY_SORT_ORDER);
        assertLayout(LakeTables.UNATTRIBUTED_BASKETS_HOURLY,
                LakeTables.UNATTRIBUTED_BASKETS_HOURLY_SCHEMA.asStruct(),
                LakeTables.UNATTRIBUTED_BASKETS_HOURLY_PARTITIONING, SortOrder.unsorted());
    }

    @Test
    void setsTheTablePropertiesForAthenaAndFewLargeFiles() {
        LakehouseTables.createMissing(lake.catalog(), namespace);

        Table events = load(LakeTables.AD_EVENTS);
        assertThat(events.properties()).containsAllEntriesOf(Map.of(
                "write.format.default", "parquet",
                "write.parquet.compression-codec", "zstd",
                "write.target-file-size-bytes", Long.toString(256L * 1024 * 1024),
                "write.distribution-mode", "range",
                "write.metadata.delete-after-commit.enabled", "true",
                "write.metadata.previous-versions-max", "50"));
        assertThat(events.properties()).containsAllEntriesOf(Map.of(
                "write.metadata.metrics.column.event_id", "none",
                "write.metadata.metrics.column.source", "none",
                "write.metadata.metrics.column.extra_fields", "none"));
        assertThat(((BaseTable) events).operations().current().formatVersion()).isEqualTo(2);
        assertThat(load(LakeTables.DEAD_LETTERS).properties()).containsEntry("write.distribution-mode", "hash");
        for (TableDefinition definition : LakehouseTables.ALL) {
            assertThat(load(definition.name()).properties()).containsAllEntriesOf(Map.of(
                    "write.parquet.compression-codec", "zstd", "write.metadata.delete-after-commit.enabled", "true"));
        }
    }

    @Test
    void creatingTwiceChangesNothing() {
        LakehouseTables.createMissing(lake.catalog(), namespace);
        String metadataBefore = metadataLocation(LakeTables.CAMPAIGN_METRICS_HOURLY);

        List<TableIdentifier> createdAgain = LakehouseTables.createMissing(lake.catalog(), namespace);

        assertThat(createdAgain).isEmpty();
        assertThat(metadataLocation(LakeTables.CAMPAIGN_METRICS_HOURLY)).isEqualTo(metadataBefore);
        assertThat(lake.catalog().listTables(namespace)).hasSize(LakehouseTables.ALL.size());
    }

    @Test
    void createsOnlyTheMissingTablesAndLeavesTheOthersAsTheyAre() {
        LakehouseTables.createMissing(lake.catalog(), namespace);
        load(LakeTables.AD_EVENTS).updateProperties().set("owner", "data-eng").commit();
        lake.catalog().dropTable(TableIdentifier.of(namespace, LakeTables.DEAD_LETTERS));

        List<TableIdentifier> created = LakehouseTables.createMissing(lake.catalog(), namespace);

        assertThat(created).containsExactly(TableIdentifier.of(namespace, LakeTables.DEAD_LETTERS));
        assertThat(load(LakeTables.AD_EVENTS).properties()).containsEntry("owner", "data-eng");
    }

    private void assertLayout(String name, Object schemaStruct, PartitionSpec spec, SortOrder sortOrder) {
        Table table = load(name);
        // Field ids included: Iceberg tracks columns by id.
        assertThat(table.schema().asStruct()).isEqualTo(schemaStruct);
        assertThat(table.spec().fields()).isEqualTo(spec.fields());
        assertThat(table.sortOrder().sameOrder(sortOrder)).as("sort order of %s", name).isTrue();
    }

    private Table load(String name) {
        return lake.catalog().loadTable(TableIdentifier.of(namespace, name));
    }

    private String metadataLocation(String name) {
        return ((BaseTable) load(name)).operations().current().metadataFileLocation();
    }
}
