package io.adinsights.lakehouse.catalog;

import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's JDBC catalog on a SQLite file that several processes share (the batch jobs, the API, Spark): its
 * connections come from {@link SqliteSafeClientPool}, so no catalog holds a read lock on the file. Named as
 * {@code catalog-impl}, so Spark's {@code SparkCatalog} and {@link LakehouseCatalogs#open} both build it.
 */
public class SqliteJdbcCatalog extends JdbcCatalog {

    public SqliteJdbcCatalog() {
        super(null, properties -> new SqliteSafeClientPool(properties.get(CatalogProperties.URI), properties), true);
    }
}
