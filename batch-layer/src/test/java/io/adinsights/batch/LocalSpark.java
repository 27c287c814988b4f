package io.adinsights.batch;

import io.adinsights.lakehouse.catalog.LakehouseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session per test JVM, on a local lake (SQLite catalog, warehouse in a temporary directory). Each
 * test class works in a namespace of its own, so classes and tests do not see each other's tables.
 */
final class LocalSpark {

    private static final Path LAKE_DIR = createLakeDir();
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            SparkSession.Builder builder = SparkSession.builder()
                    .appName("batch-layer-tests")
                    .master("local[2,4]") // a failed task is tried again, as in BatchJob.LOCAL_MASTER
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.adaptive.enabled", "true");
            session = BatchSession.configure(builder, lakehouse("unused")).getOrCreate();
        }
        return session;
    }

    /** The lake settings for one namespace, keyed as the environment variables. */
    static Map<String, String> lakeSettings(String namespace) {
        return Map.of(
                LakehouseConfig.CATALOG, "local",
                LakehouseConfig.LOCAL_DIR, LAKE_DIR.toString(),
                LakehouseConfig.NAMESPACE, namespace);
    }

    static LakehouseConfig lakehouse(String namespace) {
        return LakehouseConfig.fromMap(lakeSettings(namespace));
    }

    private static Path createLakeDir() {
        try {
            Path base = Path.of(System.getProperty("adinsights.build.dir", "target"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "lake-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
