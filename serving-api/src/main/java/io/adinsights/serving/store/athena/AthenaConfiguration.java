package io.adinsights.serving.store.athena;

import io.adinsights.lakehouse.catalog.LakehouseConfig;
import io.adinsights.lakehouse.watermark.BatchWatermark;
import io.adinsights.schemas.lake.LakeTables;
import io.adinsights.serving.store.CachingHistoricalStore;
import io.adinsights.serving.store.HistoricalProperties;
import io.adinsights.serving.store.HistoricalStore;
import io.adinsights.serving.store.StoreUnavailableException;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.athena.AthenaClient;

/** The lake through Athena ({@code insights.historical.store=athena}); region and credentials from the runtime. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "insights.historical.store", havingValue = "athena")
public class AthenaConfiguration {

    @Bean(destroyMethod = "close")
    AthenaClient athenaClient() {
        return AthenaClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @Bean
    HistoricalStore historicalStore(AthenaClient athena, AthenaProperties athenaProperties, Catalog lakeCatalog,
            LakehouseConfig config, HistoricalProperties properties) {
        AthenaHistoricalStore store = new AthenaHistoricalStore(athena, athenaProperties,
                () -> pin(lakeCatalog, config), duration -> Thread.sleep(duration.toMillis()));
        return new CachingHistoricalStore(store, properties.cacheEntries(), properties.cacheTtl());
    }

    /** One refresh of the aggregate table: its watermark and the snapshot Athena must read. */
    static AthenaHistoricalStore.SnapshotPin pin(Catalog catalog, LakehouseConfig config) {
        try {
            Table table = catalog.loadTable(config.table(LakeTables.CAMPAIGN_METRICS_HOURLY));
            Snapshot snapshot = table.currentSnapshot();
            return new AthenaHistoricalStore.SnapshotPin(BatchWatermark.read(table),
                    Optional.ofNullable(snapshot).map(Snapshot::snapshotId));
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("The lake catalog could not be read: " + e.getMessage(), e);
        }
    }
}
