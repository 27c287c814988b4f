package io.adinsights.lakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.io.FileIO;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The Glue path as far as it goes without AWS: the catalog and its S3FileIO are built from the configuration's
 * properties with the AWS SDK on the classpath, and nothing is sent (AWS clients connect on their first request).
 */
class GlueCatalogWithoutAwsTest {

    private final LakehouseConfig config = LakehouseConfig.fromMap(Map.of(
            "LAKEHOUSE_CATALOG", "glue",
            "LAKEHOUSE_WAREHOUSE", "s3://ad-insights-lake/warehouse",
            "AWS_REGION", "eu-central-1"));

    @Test
    void opensAGlueCatalogFromTheProperties() throws IOException {
        Catalog catalog = LakehouseCatalogs.open(config);
        try {
            assertThat(catalog).isInstanceOf(GlueCatalog.class);
            assertThat(catalog.name()).isEqualTo("lake");
        } finally {
            ((Closeable) catalog).close();
        }
    }

    @Test
    void buildsS3FileIoForTheConfiguredRegion() {
        Map<String, String> properties = config.catalogProperties();
        try (FileIO io = CatalogUtil.loadFileIO(properties.get("io-impl"), properties, null)) {
            assertThat(io).isInstanceOf(S3FileIO.class);
            S3FileIO s3 = (S3FileIO) io;
            assertThat(s3.client().serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
            assertThat(io.newInputFile("s3://ad-insights-lake/warehouse/t/metadata/v1.metadata.json").location())
                    .isEqualTo("s3://ad-insights-lake/warehouse/t/metadata/v1.metadata.json");
        }
    }
}
