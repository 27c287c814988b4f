package io.adinsights.lakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

class LakehouseConfigTest {

    private static final Map<String, String> GLUE = Map.of(
            "LAKEHOUSE_CATALOG", "glue",
            "LAKEHOUSE_WAREHOUSE", "s3://ad-insights-lake/warehouse/",
            "AWS_REGION", "eu-west-1",
            "LAKEHOUSE_GLUE_CATALOG_ID", "123456789012");

    @Test
    void defaultsToTheLocalCatalogUnderTheWorkingDirectory() {
        LakehouseConfig config = LakehouseConfig.fromMap(Map.of("PATH", "/usr/bin", "AWS_REGION", "eu-west-1"));

        Path directory = Paths.get(".local-stack/lakehouse").toAbsolutePath().normalize();
        assertThat(config).isEqualTo(new LakehouseConfig.Local("lake", Namespace.of("adinsights"), directory));
        assertThat(config.table("campaign_metrics_hourly"))
                .isEqualTo(TableIdentifier.of("adinsights", "campaign_metrics_hourly"));
        assertThat(config.catalogProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "catalog-impl", "io.adinsights.lakehouse.catalog.SqliteJdbcCatalog",
                "uri", "jdbc:sqlite:" + directory.resolve("catalog.db"),
                "jdbc.schema-version", "V1",
                "jdbc.busy_timeout", "10000",
                "warehouse", "file://" + directory.resolve("warehouse"),
                "io-impl", LocalFileIO.class.getName()));
    }

    @Test
    void localSettingsAreReadAndPathsMadeAbsolute() {
        LakehouseConfig config = LakehouseConfig.fromMap(Map.of(
                "LAKEHOUSE_CATALOG", "local",
                "LAKEHOUSE_CATALOG_NAME", "dev_lake",
                "LAKEHOUSE_NAMESPACE", "ads_test",
                "LAKEHOUSE_LOCAL_DIR", "build/../lake"));

        assertThat(config.catalogName()).isEqualTo("dev_lake");
        assertThat(config.namespace()).isEqualTo(Namespace.of("ads_test"));
        assertThat(((LakehouseConfig.Local) config).directory()).isEqualTo(Paths.get("lake").toAbsolutePath());
    }

    @Test
    void glueCatalogPropertiesUseS3FileIoInTheConfiguredRegionAndAccount() {
        LakehouseConfig config = LakehouseConfig.fromMap(GLUE);

        assertThat(config).isEqualTo(new LakehouseConfig.Glue("lake", Namespace.of("adinsights"),
                "s3://ad-insights-lake/warehouse", "eu-west-1", Optional.of("123456789012")));
        assertThat(config.catalogProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog",
                "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                "warehouse", "s3://ad-insights-lake/warehouse",
                "client.region", "eu-west-1",
                "glue.id", "123456789012"));
    }

    @Test
    void glueCatalogIdIsOptional() {
        Map<String, String> settings = Map.of(
                "LAKEHOUSE_CATALOG", "glue", "LAKEHOUSE_WAREHOUSE", "s3://lake", "AWS_REGION", "us-east-1");

        assertThat(LakehouseConfig.fromMap(settings).catalogProperties())
                .doesNotContainKey("glue.id")
                .containsEntry("warehouse", "s3://lake");
    }

    @Test
    void sparkConfRegistersTheSameCatalogUnderItsName() {
        LakehouseConfig config = LakehouseConfig.fromMap(GLUE);

        Map<String, String> conf = LakehouseCatalogs.sparkConf(config);

        assertThat(conf).containsEntry("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog");
        config.catalogProperties().forEach((key, value) ->
                assertThat(conf).containsEntry("spark.sql.catalog.lake." + key, value));
        assertThat(conf).hasSize(config.catalogProperties().size() + 1);
    }

    @Test
    void glueSettingsAreRequired() {
        assertThatThrownBy(() -> LakehouseConfig.fromMap(
                Map.of("LAKEHOUSE_CATALOG", "glue", "AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Missing LAKEHOUSE_WAREHOUSE: required for the glue catalog");
        assertThatThrownBy(() -> LakehouseConfig.fromMap(Map.of(
                "LAKEHOUSE_CATALOG", "glue", "LAKEHOUSE_WAREHOUSE", "s3://lake", "AWS_REGION", " ")))
                .hasMessage("Missing AWS_REGION: required for the glue catalog");
    }

    @Test
    void invalidValuesAreNamedInTheMessage() {
        assertThatThrownBy(() -> LakehouseConfig.fromMap(Map.of("LAKEHOUSE_CATALOG", "hive")))
                .hasMessage("Invalid LAKEHOUSE_CATALOG: hive (must be glue or local)");
        assertThatThrownBy(() -> LakehouseConfig.fromMap(with(GLUE, "LAKEHOUSE_WAREHOUSE", "/data/lake")))
                .hasMessage("Invalid LAKEHOUSE_WAREHOUSE: /data/lake (must be s3://bucket or s3://bucket/prefix)");
        assertThatThrownBy(() -> LakehouseConfig.fromMap(with(GLUE, "LAKEHOUSE_WAREHOUSE", "s3a://lake")))
                .hasMessageStartingWith("Invalid LAKEHOUSE_WAREHOUSE: s3a://lake");
        assertThatThrownBy(() -> LakehouseConfig.fromMap(with(GLUE, "AWS_REGION", "Ireland")))
                .hasMessage("Invalid AWS_REGION: Ireland (must be an AWS region such as eu-west-1)");
        assertThatThrownBy(() -> LakehouseConfig.fromMap(with(GLUE, "LAKEHOUSE_GLUE_CATALOG_ID", "12345")))
                .hasMessage("Invalid LAKEHOUSE_GLUE_CATALOG_ID: 12345 (must be a 12-digit AWS account id)");
        assertThatThrownBy(() -> LakehouseConfig.fromMap(Map.of("LAKEHOUSE_NAMESPACE", "Ad-Insights")))
                .hasMessage("Invalid LAKEHOUSE_NAMESPACE: Ad-Insights "
                        + "(must be one name of lower-case letters, digits and _, starting with a letter)");
        assertThatThrownBy(() -> LakehouseConfig.fromMap(Map.of("LAKEHOUSE_CATALOG_NAME", "9lake")))
                .hasMessageStartingWith("Invalid LAKEHOUSE_CATALOG_NAME: 9lake");
    }

    @Test
    void misspeltOrMisplacedSettingsAreRejectedRatherThanIgnored() {
        assertThatThrownBy(() -> LakehouseConfig.fromMap(Map.of("LAKEHOUSE_LOCALDIR", "/tmp/lake")))
                .hasMessage("Invalid settings for the local catalog: [LAKEHOUSE_LOCALDIR] (it reads "
                        + "[LAKEHOUSE_CATALOG, LAKEHOUSE_CATALOG_NAME, LAKEHOUSE_LOCAL_DIR, LAKEHOUSE_NAMESPACE])");
        assertThatThrownBy(() -> LakehouseConfig.fromMap(with(GLUE, "LAKEHOUSE_LOCAL_DIR", "/tmp/lake")))
                .hasMessageStartingWith("Invalid settings for the glue catalog: [LAKEHOUSE_LOCAL_DIR]");
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put(key, value);
        return copy;
    }
}
