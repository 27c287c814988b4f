package io.adinsights.lakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.lakehouse.LocalLake;
import io.adinsights.lakehouse.MetricRows;
import io.adinsights.lakehouse.tables.LakehouseTables;
import io.adinsights.schemas.lake.LakeTables;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCatalogTest {

    @TempDir
    Path dir;

    @Test
    void opensAJdbcCatalogOnASqliteFileOverTheLocalWarehouse() {
        try (LocalLake lake = new LocalLake(dir.resolve("lake"))) {
            assertThat(lake.catalog()).isInstanceOf(JdbcCatalog.class);
            assertThat(lake.catalog().name()).isEqualTo("lake");
            assertThat(dir.resolve("lake/catalog.db")).isRegularFile();
            assertThat(dir.resolve("lake/warehouse")).isDirectory();
        }
    }

    @Test
    void tablesAndCommitsSurviveARestart() {
        TableIdentifier metrics;
        long snapshotId;
        try (LocalLake lake = new LocalLake(dir)) {
            LakehouseTables.createMissing(lake.catalog(), lake.config().namespace());
            metrics = lake.config().table(LakeTables.CAMPAIGN_METRICS_HOURLY);
            Table table = lake.catalog().loadTable(metrics);
            table.newAppend().appendFile(MetricRows.write(table, List.of(
                    MetricRows.row(table, "c1", "a1", Instant.parse("2025-03-01T10:00:00Z"), 10, 2, 1)))).commit();
            snapshotId = table.currentSnapshot().snapshotId();
        }

        try (LocalLake restarted = new LocalLake(dir)) {
            assertThat(restarted.catalog().listTables(restarted.config().namespace()))
                    .extracting(TableIdentifier::name)
                    .containsExactlyInAnyOrder(LakeTables.AD_EVENTS, LakeTables.DEAD_LETTERS,
                            LakeTables.CAMPAIGN_METRICS_HOURLY, LakeTables.UNATTRIBUTED_BASKETS_HOURLY);
            assertThat(restarted.catalog().loadTable(metrics).currentSnapshot().snapshotId()).isEqualTo(snapshotId);
        }
    }

    @Test
    void oneCatalogOpenOnTheFileNeverBlocksAnotherOnesCommits() {
        try (LocalLake setup = new LocalLake(dir)) {
            LakehouseTables.createMissing(setup.catalog(), setup.config().namespace());
        }
        // Opening a catalog on a file whose catalog tables exist is what used to leave a read lock behind.
        try (LocalLake reader = new LocalLake(dir)) {
            TableIdentifier metrics = reader.config().table(LakeTables.CAMPAIGN_METRICS_HOURLY);
            reader.catalog().loadTable(metrics);

            // A second process's catalog (the batch job while the API runs) commits on the same SQLite file.
            try (LocalLake writer = new LocalLake(dir)) {
                Table table = writer.catalog().loadTable(metrics);
                table.newAppend().appendFile(MetricRows.write(table, List.of(
                        MetricRows.row(table, "c1", "a1", Instant.parse("2025-03-01T10:00:00Z"), 1, 1, 0)))).commit();
            }

            assertThat(reader.catalog().loadTable(metrics).currentSnapshot()).isNotNull();
        }
    }

    @Test
    void theCatalogPropertiesAloneOpenTheSameCatalogAsSparkDoes() throws IOException {
        try (LocalLake lake = new LocalLake(dir)) {
            LakehouseTables.createMissing(lake.catalog(), lake.config().namespace());
            Map<String, String> properties = lake.config().catalogProperties();

            // SparkCatalog loads catalog-impl with the session's Hadoop configuration and the same properties.
            Catalog sparkSide = CatalogUtil.loadCatalog(
                    properties.get("catalog-impl"), "lake", properties, new Configuration(false));
            try {
                TableIdentifier metrics = lake.config().table(LakeTables.CAMPAIGN_METRICS_HOURLY);
                assertThat(sparkSide.loadTable(metrics).location())
                        .isEqualTo(lake.catalog().loadTable(metrics).location())
                        .startsWith("file://" + dir.resolve("warehouse"));
            } finally {
                ((Closeable) sparkSide).close();
            }
        }
    }
}
