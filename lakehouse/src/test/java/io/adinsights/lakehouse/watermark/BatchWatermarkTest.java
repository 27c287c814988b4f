package io.adinsights.lakehouse.watermark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.lakehouse.LocalLake;
import io.adinsights.lakehouse.MetricRows;
import io.adinsights.lakehouse.tables.LakehouseTables;
import io.adinsights.schemas.lake.LakeTables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchWatermarkTest {

    private static final Instant TEN = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2025-03-01T11:00:00Z");
    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private LocalLake lake;
    private TableIdentifier metrics;
    private Table table;

    @BeforeEach
    void createTables() {
        lake = new LocalLake(dir);
        LakehouseTables.createMissing(lake.catalog(), lake.config().namespace());
        metrics = lake.config().table(LakeTables.CAMPAIGN_METRICS_HOURLY);
        table = lake.catalog().loadTable(metrics);
    }

    @AfterEach
    void closeLake() {
        lake.close();
    }

    @Test
    void theWatermarkMovesWithTheDataInOneCommit() throws IOException {
        DataFile hourTen = MetricRows.write(table, List.of(
                MetricRows.row(table, "c1", "a1", TEN, 100, 7, 2),
                MetricRows.row(table, "c2", "a9", TEN, 40, 1, 0)));
        AppendFiles append = table.newAppend().appendFile(hourTen);
        BatchWatermark.commitProperties(ELEVEN).forEach(append::set);
        append.commit();

        assertThat(BatchWatermark.read(table)).contains(ELEVEN);
        assertThat(table.currentSnapshot().summary())
                .containsEntry("adinsights.batch-watermark", "2025-03-01T11:00:00Z");
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            assertThat(rows).extracting(row -> row.getField("impressions")).containsExactlyInAnyOrder(100L, 40L);
        }
    }

    @Test
    void aCommitWithoutTheWatermarkKeepsTheOneOfItsNearestAncestor() {
        commitHour(TEN, 5, ELEVEN);
        commitHour(ELEVEN, 8, NOON);
        DataFile current = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
        DataFile compacted = MetricRows.write(table, List.of(MetricRows.row(table, "c1", "a1", ELEVEN, 8, 1, 0)));

        // Maintenance: a compaction and a manifest rewrite, neither carrying a watermark.
        table.newRewrite().deleteFile(current).addFile(compacted).commit();
        table.rewriteManifests().rewriteIf(manifest -> true).commit();

        assertThat(table.currentSnapshot().summary()).doesNotContainKey(BatchWatermark.SUMMARY_PROPERTY);
        assertThat(table.history()).hasSize(4);
        assertThat(BatchWatermark.read(table)).contains(NOON);
    }

    @Test
    void aTableWithoutWatermarkHasNone() {
        assertThat(BatchWatermark.read(table)).isEmpty();

        table.newAppend()
                .appendFile(MetricRows.write(table, List.of(MetricRows.row(table, "c1", "a1", TEN, 1, 0, 0))))
                .commit();

        assertThat(BatchWatermark.read(table)).isEmpty();
    }

    @Test
    void aWatermarkWhoseSnapshotWasExpiredIsGone() {
        commitHour(TEN, 5, ELEVEN);
        long watermarkSnapshot = table.currentSnapshot().snapshotId();
        table.rewriteManifests().rewriteIf(manifest -> true).commit();

        table.expireSnapshots().expireSnapshotId(watermarkSnapshot).commit();

        assertThat(BatchWatermark.read(table)).isEmpty();
    }

    @Test
    void readingThroughTheCatalogSeesACommitThatALoadedTableMisses() {
        commitHour(TEN, 5, ELEVEN);
        Table servedTable = lake.catalog().loadTable(metrics);

        // Another process (the Spark job) commits the next hour through its own catalog.
        try (LocalLake batchJob = new LocalLake(dir)) {
            Table written = batchJob.catalog().loadTable(metrics);
            OverwriteFiles overwrite = written.newOverwrite()
                    .overwriteByRowFilter(Expressions.equal("hour", ELEVEN.toEpochMilli() * 1000L))
                    .addFile(MetricRows.write(written, List.of(MetricRows.row(written, "c1", "a1", ELEVEN, 3, 0, 0))));
            BatchWatermark.commitProperties(NOON).forEach(overwrite::set);
            overwrite.commit();
        }

        assertThat(BatchWatermark.read(servedTable)).contains(ELEVEN);
        assertThat(BatchWatermark.read(lake.catalog(), metrics)).contains(NOON);
        servedTable.refresh();
        assertThat(BatchWatermark.read(servedTable)).contains(NOON);
    }

    @Test
    void theWatermarkNeverMovesBackwards() {
        BatchWatermark.checkAdvance(Optional.empty(), TEN);
        BatchWatermark.checkAdvance(Optional.of(TEN), TEN);
        BatchWatermark.checkAdvance(Optional.of(TEN), ELEVEN);

        assertThatThrownBy(() -> BatchWatermark.checkAdvance(Optional.of(NOON), ELEVEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Batch watermark cannot move backwards: 2025-03-01T11:00:00Z is before the table's "
                        + "current watermark 2025-03-01T12:00:00Z");
    }

    @Test
    void theWatermarkIsTheStartOfAUtcHour() {
        assertThatThrownBy(() -> BatchWatermark.commitProperties(Instant.parse("2025-03-01T11:30:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid batch watermark: 2025-03-01T11:30:00Z (must be the start of a UTC hour, "
                        + "e.g. 2025-03-01T11:00:00Z)");
        assertThat(BatchWatermark.sparkWriteOptions(NOON))
                .isEqualTo(Map.of("snapshot-property.adinsights.batch-watermark", "2025-03-01T12:00:00Z"));
    }

    @Test
    void aWatermarkThatIsNotAnInstantIsReportedWithItsSnapshot() {
        table.newAppend()
                .appendFile(MetricRows.write(table, List.of(MetricRows.row(table, "c1", "a1", TEN, 1, 0, 0))))
                .set(BatchWatermark.SUMMARY_PROPERTY, "yesterday")
                .commit();

        assertThatThrownBy(() -> BatchWatermark.read(table))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Invalid batch watermark in snapshot " + table.currentSnapshot().snapshotId())
                .hasMessageEndingWith(": yesterday (must be an ISO-8601 instant)");
    }

    private void commitHour(Instant hour, long impressions, Instant watermark) {
        AppendFiles append = table.newAppend().appendFile(
                MetricRows.write(table, List.of(MetricRows.row(table, "c1", "a1", hour, impressions, 1, 0))));
        BatchWatermark.commitProperties(watermark).forEach(append::set);
        append.commit();
    }
}
