package io.adinsights.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.AwsProperties;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Where the lake's catalog is: the Glue catalog over S3 on AWS, or a JDBC catalog on a SQLite file over a local
 * warehouse directory on one machine. Read once, from environment variables or a map with the same keys, and
 * validated there.
 *
 * <p>{@link #catalogProperties()} is the whole catalog: {@link LakehouseCatalogs#open} builds the catalog from it, and
 * Spark builds the same catalog from the same properties ({@link LakehouseCatalogs#sparkConf}).
 */
public sealed interface LakehouseConfig permits LakehouseConfig.Glue, LakehouseConfig.Local {

    /** {@code glue} or {@code local}. */
    String CATALOG = "LAKEHOUSE_CATALOG";
    String CATALOG_DEFAULT = "local";
    /** The catalog's name: Iceberg's catalog name, and the Spark catalog name ({@code spark.sql.catalog.<name>}). */
    String CATALOG_NAME = "LAKEHOUSE_CATALOG_NAME";
    String CATALOG_NAME_DEFAULT = "lake";
    /** The namespace of the lake tables: a Glue database, which Athena users name in their queries. */
    String NAMESPACE = "LAKEHOUSE_NAMESPACE";
    String NAMESPACE_DEFAULT = "adinsights";
    /** Local catalog: the directory that holds the SQLite catalog, {@code catalog.db}, and {@code warehouse/}. */
    String LOCAL_DIR = "LAKEHOUSE_LOCAL_DIR";
    String LOCAL_DIR_DEFAULT = ".local-stack/lakehouse";
    /** Glue catalog: the warehouse, {@code s3://bucket} or {@code s3://bucket/prefix}; no default. */
    String WAREHOUSE = "LAKEHOUSE_WAREHOUSE";
    /** Glue catalog: the AWS region of the Glue catalog and the bucket; the variable AWS runtimes set. No default. */
    String REGION = "AWS_REGION";
    /** Glue catalog, optional: the account id of the Glue catalog when it is not the caller's own account. */
    String GLUE_CATALOG_ID = "LAKEHOUSE_GLUE_CATALOG_ID";

    String catalogName();

    Namespace namespace();

    /** The Iceberg catalog properties, {@code catalog-impl} included: the same for this JVM, Spark and any engine. */
    Map<String, String> catalogProperties();

    /** The identifier of a lake table, e.g. {@code table(LakeTables.CAMPAIGN_METRICS_HOURLY)}. */
    default TableIdentifier table(String name) {
        return TableIdentifier.of(namespace(), name);
    }

    /** The configuration from this process's environment variables. */
    static LakehouseConfig fromEnv() {
        return fromMap(System.getenv());
    }

    /**
     * The configuration from settings keyed like the environment variables. Other keys are ignored, except unknown
     * ones starting with {@code LAKEHOUSE_} and settings of the other catalog, which are rejected: a misspelt or
     * misplaced setting would otherwise be silently replaced by a default.
     */
    static LakehouseConfig fromMap(Map<String, String> settings) {
        requireNonNull(settings, "settings is null");
        String type = setting(settings, CATALOG, CATALOG_DEFAULT);
        String name = setting(settings, CATALOG_NAME, CATALOG_NAME_DEFAULT);
        Namespace namespace = Namespace.of(setting(settings, NAMESPACE, NAMESPACE_DEFAULT));
        switch (type) {
            case "glue" -> {
                checkOnly(settings, type, Set.of(CATALOG, CATALOG_NAME, NAMESPACE, WAREHOUSE, GLUE_CATALOG_ID));
                return new Glue(name, namespace, requiredSetting(settings, WAREHOUSE, type),
                        requiredSetting(settings, REGION, type),
                        Optional.ofNullable(setting(settings, GLUE_CATALOG_ID, null)));
            }
            case "local" -> {
                checkOnly(settings, type, Set.of(CATALOG, CATALOG_NAME, NAMESPACE, LOCAL_DIR));
                return new Local(name, namespace, Paths.get(setting(settings, LOCAL_DIR, LOCAL_DIR_DEFAULT)));
            }
            default -> throw new IllegalArgumentException(String.format(
                    "Invalid %s: %s (must be glue or local)", CATALOG, type));
        }
    }

    private static String setting(Map<String, String> settings, String key, String defaultValue) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static String requiredSetting(Map<String, String> settings, String key, String catalog) {
        String value = setting(settings, key, null);
        if (value == null) {
            throw new IllegalArgumentException(String.format("Missing %s: required for the %s catalog", key, catalog));
        }
        return value;
    }

    private static void checkOnly(Map<String, String> settings, String catalog, Set<String> allowed) {
        Set<String> rejected = new TreeSet<>();
        for (String key : settings.keySet()) {
            if (key.startsWith("LAKEHOUSE_") && !allowed.contains(key)) {
                rejected.add(key);
            }
        }
        if (!rejected.isEmpty()) {
            throw new IllegalArgumentException(String.format(
                    "Invalid settings for the %s catalog: %s (it reads %s)",
                    catalog, rejected, new TreeSet<>(allowed)));
        }
    }

    /** The Glue catalog with S3FileIO: the tables Spark writes are the tables Athena reads. */
    record Glue(String catalogName, Namespace namespace, String warehouse, String region, Optional<String> catalogId)
            implements LakehouseConfig {

        private static final Pattern WAREHOUSE_PATTERN =
                Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^/]+)*");
        private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
        private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

        public Glue {
            checkCatalogName(catalogName);
            checkNamespace(namespace);
            requireNonNull(warehouse, "warehouse is null");
            requireNonNull(region, "region is null");
            requireNonNull(catalogId, "catalogId is null");
            warehouse = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
            if (!WAREHOUSE_PATTERN.matcher(warehouse).matches()) {
                throw new IllegalArgumentException(String.format(
                        "Invalid %s: %s (must be s3://bucket or s3://bucket/prefix)", WAREHOUSE, warehouse));
            }
            if (!REGION_PATTERN.matcher(region).matches()) {
                throw new IllegalArgumentException(String.format(
                        "Invalid %s: %s (must be an AWS region such as eu-west-1)", REGION, region));
            }
            catalogId.ifPresent(id -> {
                if (!ACCOUNT_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException(String.format(
                            "Invalid %s: %s (must be a 12-digit AWS account id)", GLUE_CATALOG_ID, id));
                }
            });
        }

        @Override
        public Map<String, String> catalogProperties() {
            Map<String, String> properties = new HashMap<>();
            properties.put(CatalogProperties.CATALOG_IMPL, GlueCatalog.class.getName());
            properties.put(CatalogProperties.FILE_IO_IMPL, S3FileIO.class.getName());
            properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
            properties.put(AwsClientProperties.CLIENT_REGION, region);
            catalogId.ifPresent(id -> properties.put(AwsProperties.GLUE_CATALOG_ID, id));
            return Map.copyOf(properties);
        }
    }

    /**
     * A JDBC catalog on a SQLite file with {@link LocalFileIO}: real Iceberg tables in a directory, which survive a
     * restart and can be shared by processes on the machine (SQLite locks the file for each commit).
     */
    record Local(String catalogName, Namespace namespace, Path directory) implements LakehouseConfig {

        /** The JDBC catalog's layout that keeps views next to tables (V0, the default, has no views). */
        private static final String JDBC_SCHEMA_VERSION = JdbcCatalog.PROPERTY_PREFIX + "schema-version";
        /** sqlite-jdbc's connection property, passed through by Iceberg's JDBC catalog ({@code jdbc.} prefix). */
        private static final String SQLITE_BUSY_TIMEOUT = JdbcCatalog.PROPERTY_PREFIX + "busy_timeout";
        private static final String SQLITE_BUSY_TIMEOUT_MILLIS = "10000";

        public Local {
            checkCatalogName(catalogName);
            checkNamespace(namespace);
            // Absolute, so that every process given these properties finds the same files, whatever its cwd.
            directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        }

        public Path catalogFile() {
            return directory.resolve("catalog.db");
        }

        public Path warehouseDirectory() {
            return directory.resolve("warehouse");
        }

        @Override
        public Map<String, String> catalogProperties() {
            return Map.of(
                    CatalogProperties.CATALOG_IMPL, SqliteJdbcCatalog.class.getName(),
                    CatalogProperties.URI, "jdbc:sqlite:" + catalogFile(),
                    JDBC_SCHEMA_VERSION, "V1",
                    // A reader that meets another process's commit waits the few milliseconds it takes.
                    SQLITE_BUSY_TIMEOUT, SQLITE_BUSY_TIMEOUT_MILLIS,
                    CatalogProperties.WAREHOUSE_LOCATION, "file://" + warehouseDirectory(),
                    CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
        }
    }

    private static void checkCatalogName(String catalogName) {
        requireNonNull(catalogName, "catalogName is null");
        if (!Pattern.matches("[a-z][a-z0-9_]{0,63}", catalogName)) {
            throw new IllegalArgumentException(String.format(
                    "Invalid %s: %s (must be lower-case letters, digits and _, starting with a letter)",
                    CATALOG_NAME, catalogName));
        }
    }

    /** One level, a valid Glue database name that Athena can query without quoting. */
    private static void checkNamespace(Namespace namespace) {
        requireNonNull(namespace, "namespace is null");
        String name = String.join(".", namespace.levels());
        if (namespace.length() != 1 || !Pattern.matches("[a-z][a-z0-9_]{0,254}", name)) {
            throw new IllegalArgumentException(String.format(
                    "Invalid %s: %s (must be one name of lower-case letters, digits and _, starting with a letter)",
                    NAMESPACE, name));
        }
    }
}
