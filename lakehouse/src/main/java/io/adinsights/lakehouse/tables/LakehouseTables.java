package io.adinsights.lakehouse.tables;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.lake.LakeTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;

/**
 * The lake tables of {@link LakeTables}, applied to a catalog. The schemas, partitioning and sort orders are taken
 * from there as they are; what is chosen here are the table properties, for the bytes Athena scans and for few, large
 * files.
 */
public final class LakehouseTables {

    /** Athena reads and writes Iceberg format version 2 only. */
    public static final String FORMAT_VERSION = "2";
    /** Enough history of metadata files to debug recent commits; older ones are deleted at each commit. */
    public static final int METADATA_VERSIONS_KEPT = 50;

    private static final long MIB = 1024L * 1024L;

    /** Every lake table, in the order they are created. */
    public static final List<TableDefinition> ALL = List.of(
            new TableDefinition(LakeTables.AD_EVENTS, LakeTables.AD_EVENTS_SCHEMA, LakeTables.AD_EVENTS_PARTITIONING,
                    LakeTables.AD_EVENTS_SORT_ORDER,
                    // The largest table: a day is many files. Range distribution (maintenance's sorted rewrite, and
                    // any write that takes the table's distribution) keeps each file to a narrow range of event type
                    // and campaign, so that min/max statistics skip most files of a day; the hourly compaction sorts
                    // each file on its own.
                    // No column statistics where no query's filter can use them: random ids, lineage, free JSON.
                    withoutMetrics(properties(256 * MIB, TableProperties.WRITE_DISTRIBUTION_MODE_RANGE),
                            "event_id", "source", "extra_fields")),
            new TableDefinition(LakeTables.DEAD_LETTERS, LakeTables.DEAD_LETTERS_SCHEMA,
                    LakeTables.DEAD_LETTERS_PARTITIONING, SortOrder.unsorted(),
                    // Unsorted: one writer per day partition gives the fewest files.
                    properties(128 * MIB, TableProperties.WRITE_DISTRIBUTION_MODE_HASH)),
            new TableDefinition(LakeTables.CAMPAIGN_METRICS_HOURLY, LakeTables.CAMPAIGN_METRICS_HOURLY_SCHEMA,
                    LakeTables.CAMPAIGN_METRICS_HOURLY_PARTITIONING, LakeTables.CAMPAIGN_METRICS_HOURLY_SORT_ORDER,
                    // A month of hourly totals is small: one or a few files, sorted by campaign for file skipping.
                    properties(128 * MIB, TableProperties.WRITE_DISTRIBUTION_MODE_RANGE)),
            new TableDefinition(LakeTables.UNATTRIBUTED_BASKETS_HOURLY, LakeTables.UNATTRIBUTED_BASKETS_HOURLY_SCHEMA,
                    LakeTables.UNATTRIBUTED_BASKETS_HOURLY_PARTITIONING, SortOrder.unsorted(),
                    properties(128 * MIB, TableProperties.WRITE_DISTRIBUTION_MODE_HASH)));

    private LakehouseTables() {
    }

    /**
     * Creates every lake table that the namespace lacks, and the namespace itself when the catalog keeps namespaces
     * and it is missing. A table that exists is left as it is, even if its definition changed since: changing a
     * table is a schema or property evolution, done on purpose. Safe to run again, and from several processes at
     * once: a table that another process creates meanwhile counts as existing.
     *
     * @return the tables this call created; empty when all existed
     */
    public static List<TableIdentifier> createMissing(Catalog catalog, Namespace namespace) {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(namespace, "namespace is null");
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
            try {
                namespaces.createNamespace(namespace);
            } catch (AlreadyExistsException e) {
                // Created meanwhile by another process: what this step wanted.
            }
        }
        List<TableIdentifier> created = new ArrayList<>();
        for (TableDefinition table : ALL) {
            TableIdentifier identifier = TableIdentifier.of(namespace, table.name());
            if (catalog.tableExists(identifier)) {
                continue;
            }
            try {
                catalog.buildTable(identifier, table.schema())
                        .withPartitionSpec(table.spec())
                        .withSortOrder(table.sortOrder())
                        .withProperties(table.properties())
                        .create();
                created.add(identifier);
            } catch (AlreadyExistsException e) {
                // Created meanwhile by another process.
            }
        }
        return List.copyOf(created);
    }

    /** Metrics mode {@code none} for the columns: Iceberg keeps no bounds or counts of them in its manifests. */
    private static Map<String, String> withoutMetrics(Map<String, String> properties, String... columns) {
        Map<String, String> all = new HashMap<>(properties);
        for (String column : columns) {
            all.put(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + column, "none");
        }
        return Map.copyOf(all);
    }

    private static Map<String, String> properties(long targetFileSizeBytes, String distributionMode) {
        return Map.of(
                TableProperties.FORMAT_VERSION, FORMAT_VERSION,
                // Parquet: Athena reads only the columns and row groups a query needs.
                TableProperties.DEFAULT_FILE_FORMAT, "parquet",
                // zstd compresses ids and counts better than snappy, and Athena bills the compressed bytes it reads.
                TableProperties.PARQUET_COMPRESSION, "zstd",
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, Long.toString(targetFileSizeBytes),
                TableProperties.WRITE_DISTRIBUTION_MODE, distributionMode,
                // Hourly commits and maintenance would otherwise leave every metadata file behind.
                TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
                TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, Integer.toString(METADATA_VERSIONS_KEPT));
    }
}
