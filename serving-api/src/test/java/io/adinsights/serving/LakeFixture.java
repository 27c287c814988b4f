package io.adinsights.serving;

import io.adinsights.lakehouse.MetricRows;
import io.adinsights.lakehouse.catalog.LakehouseCatalogs;
import io.adinsights.lakehouse.catalog.LakehouseConfig;
import io.adinsights.lakehouse.tables.LakehouseTables;
import io.adinsights.lakehouse.watermark.BatchWatermark;
import io.adinsights.schemas.lake.LakeTables;
import io.adinsights.traffic.oracle.AdBucket;
import io.adinsights.traffic.oracle.Counts;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/** A real local lake (SQLite catalog, Parquet files) holding {@code campaign_metrics_hourly} rows, as batch writes. */
public final class LakeFixture implements AutoCloseable {

    private final LakehouseConfig config;
    private final Catalog catalog;
    private final Table table;

    public LakeFixture(Path directory) {
        this.config = LakehouseConfig.fromMap(Map.of(LakehouseConfig.LOCAL_DIR, directory.toString()));
        this.catalog = LakehouseCatalogs.open(config);
        LakehouseTables.createMissing(catalog, config.namespace());
        this.table = catalog.loadTable(config.table(LakeTables.CAMPAIGN_METRICS_HOURLY));
    }

    Catalog catalog() {
        return catalog;
    }

    public LakehouseConfig config() {
        return config;
    }

    Table table() {
        return table;
    }

    /** Appends the rows (one file per month) in one commit carrying the watermark. */
    public void append(SortedMap<AdBucket, Counts> rows, Instant watermark) {
        table.refresh();
        Map<YearMonth, List<Record>> byMonth = new TreeMap<>();
        rows.forEach((key, counts) -> byMonth.computeIfAbsent(
                YearMonth.from(key.bucketStart().atOffset(ZoneOffset.UTC)), month -> new ArrayList<>())
                .add(row(key, counts)));
        AppendFiles append = table.newAppend();
        byMonth.values().forEach(records -> append.appendFile(MetricRows.write(table, records)));
        BatchWatermark.commitProperties(watermark).forEach(append::set);
        append.commit();
    }

    /** A commit that only moves the watermark, as a batch run that found nothing new would. */
    public void moveWatermark(Instant watermark) {
        append(new TreeMap<>(), watermark);
    }

    private Record row(AdBucket key, Counts counts) {
        GenericRecord record = GenericRecord.create(table.schema());
        record.setField("campaign_id", key.campaignId());
        record.setField("ad_id", key.adId());
        record.setField("hour", key.bucketStart().atOffset(ZoneOffset.UTC));
        record.setField("impressions", counts.impressions());
        record.setField("clicks", counts.clicks());
        record.setField("click_to_basket", counts.clickToBasket());
        return record;
    }

    @Override
    public void close() throws IOException {
        ((Closeable) catalog).close();
    }
}
