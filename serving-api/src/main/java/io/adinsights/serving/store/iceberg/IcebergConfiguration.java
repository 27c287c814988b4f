package io.adinsights.serving.store.iceberg;

import io.adinsights.lakehouse.catalog.LakehouseCatalogs;
import io.adinsights.lakehouse.catalog.LakehouseConfig;
import io.adinsights.schemas.lake.LakeTables;
import io.adinsights.serving.store.CachingHistoricalStore;
import io.adinsights.serving.store.HistoricalProperties;
import io.adinsights.serving.store.HistoricalStore;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lakehouse catalog (both historical stores pin the watermark there), and the lake read directly. */
@Configuration(proxyBeanMethods = false)
public class IcebergConfiguration {

    @Bean
    LakehouseConfig lakehouseConfig(HistoricalProperties properties) {
        Map<String, String> settings = new HashMap<>(System.getenv());
        settings.putAll(properties.lakehouse());
        return LakehouseConfig.fromMap(settings);
    }

    @Bean
    Catalog lakeCatalog(LakehouseConfig config) {
        return LakehouseCatalogs.open(config);
    }

    /** The local default: Iceberg's own reader over the catalog's tables. */
    @Bean
    @ConditionalOnProperty(name = "insights.historical.store", havingValue = "iceberg", matchIfMissing = true)
    HistoricalStore historicalStore(Catalog lakeCatalog, LakehouseConfig config, HistoricalProperties properties) {
        IcebergHistoricalStore iceberg = new IcebergHistoricalStore(lakeCatalog,
                config.table(LakeTables.CAMPAIGN_METRICS_HOURLY), properties.refreshInterval());
        return new CachingHistoricalStore(iceberg, properties.cacheEntries(), properties.cacheTtl());
    }
}
