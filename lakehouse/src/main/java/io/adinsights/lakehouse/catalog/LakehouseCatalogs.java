package io.adinsights.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/** Opens the lake's catalog: the one way every job and service gets at the Iceberg tables. */
public final class LakehouseCatalogs {

    /** Iceberg's Spark catalog, by name: Spark need not be on this module's classpath. */
    public static final String SPARK_CATALOG_CLASS = "org.apache.iceberg.spark.SparkCatalog";

    private LakehouseCatalogs() {
    }

    /**
     * The catalog built from {@link LakehouseConfig#catalogProperties()} exactly as Spark's {@code SparkCatalog} builds
     * it, so both see the same tables. Both implementations hold resources (a JDBC connection pool, AWS clients) and
     * are {@link java.io.Closeable}: close the catalog when the application stops.
     */
    public static Catalog open(LakehouseConfig config) {
        requireNonNull(config, "config is null");
        if (config instanceof LakehouseConfig.Local local) {
            // SQLite creates its file but not the directory it is in.
            createDirectories(local);
        }
        return CatalogUtil.buildIcebergCatalog(config.catalogName(), config.catalogProperties(), null);
    }

    /**
     * The Spark settings that register the same catalog in a Spark session under {@link LakehouseConfig#catalogName()}:
     * {@code spark.sql.catalog.<name>} is Iceberg's {@code SparkCatalog} and every catalog property follows with the
     * {@code spark.sql.catalog.<name>.} prefix, {@code catalog-impl} included. Spark needs this module (for
     * {@link LocalFileIO}, SQLite and the AWS SDK) on its classpath next to {@code iceberg-spark-runtime}.
     */
    public static Map<String, String> sparkConf(LakehouseConfig config) {
        requireNonNull(config, "config is null");
        String prefix = "spark.sql.catalog." + config.catalogName();
        Map<String, String> conf = new HashMap<>();
        conf.put(prefix, SPARK_CATALOG_CLASS);
        config.catalogProperties().forEach((key, value) -> conf.put(prefix + "." + key, value));
        return Map.copyOf(conf);
    }

    private static void createDirectories(LakehouseConfig.Local local) {
        try {
            Files.createDirectories(local.warehouseDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local lake directory " + local.directory(), e);
        }
    }
}
