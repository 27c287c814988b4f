package io.adinsights.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;

/** Writes rows of {@code campaign_metrics_hourly} with Iceberg's generic Parquet writer, as one data file. */
public final class MetricRows {

    private MetricRows() {
    }

    public static Record row(Table table, String campaignId, String adId, Instant hour, long impressions, long clicks,
            long clickToBasket) {
        GenericRecord record = GenericRecord.create(table.schema());
        record.setField("campaign_id", campaignId);
        record.setField("ad_id", adId);
        record.setField("hour", hour.atOffset(ZoneOffset.UTC));
        record.setField("impressions", impressions);
        record.setField("clicks", clicks);
        record.setField("click_to_basket", clickToBasket);
        return record;
    }

    /** One Parquet data file holding the rows, which must all be in one partition (one month). */
    public static DataFile write(Table table, List<Record> rows) {
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
        String location = table.locationProvider().newDataLocation(table.spec(), partition,
                UUID.randomUUID() + ".parquet");
        OutputFile file = table.io().newOutputFile(location);
        // With the table's properties, as an engine writes: zstd, row group size, metrics.
        DataWriter<Record> writer = new GenericAppenderFactory(table.schema(), table.spec())
                .setAll(table.properties())
                .newDataWriter(EncryptedFiles.plainAsEncryptedOutput(file), FileFormat.PARQUET, partition);
        try (writer) {
            rows.forEach(writer::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toDataFile();
    }
}
