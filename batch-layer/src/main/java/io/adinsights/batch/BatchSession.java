package io.adinsights.batch;

import static java.util.Objects.requireNonNull;

import io.adinsights.lakehouse.catalog.LakehouseCatalogs;
import io.adinsights.lakehouse.catalog.LakehouseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.source.HasIcebergCatalog;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/** The Spark session of the batch jobs: the lake's catalog, Iceberg's SQL extensions (MERGE) and UTC everywhere. */
public final class BatchSession {

    private BatchSession() {
    }

    /**
     * Adds the lake settings to a session builder. The master and resources come from spark-submit (or the caller's
     * builder, for local runs and tests).
     */
    public static SparkSession.Builder configure(SparkSession.Builder builder, LakehouseConfig lakehouse) {
        requireNonNull(builder, "builder is null");
        requireNonNull(lakehouse, "lakehouse is null");
        if (lakehouse instanceof LakehouseConfig.Local local) {
            // SQLite creates its file but not the directory it is in.
            createDirectories(local.warehouseDirectory());
        }
        LakehouseCatalogs.sparkConf(lakehouse).forEach(builder::config);
        return builder
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                // Hour buckets are UTC; timestamps cross the Java boundary as Instants, never as local times.
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.datetime.java8API.enabled", "true");
    }

    /** A lake table by its Spark name, refreshed: jobs read the table as the catalog has it now. */
    public static Table loadTable(SparkSession spark, String name) {
        try {
            Table table = Spark3Util.loadIcebergTable(spark, name);
            table.refresh();
            return table;
        } catch (ParseException | NoSuchTableException e) {
            throw new IllegalStateException("Cannot load lake table " + name, e);
        }
    }

    /** The Iceberg catalog behind the session's lake catalog, for what Spark's SQL does not do: creating tables. */
    public static Catalog icebergCatalog(SparkSession spark, LakehouseConfig lakehouse) {
        return ((HasIcebergCatalog) spark.sessionState().catalogManager().catalog(lakehouse.catalogName()))
                .icebergCatalog();
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local lake directory " + directory, e);
        }
    }
}
