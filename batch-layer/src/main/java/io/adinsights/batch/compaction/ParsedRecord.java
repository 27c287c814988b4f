package io.adinsights.batch.compaction;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.validation.Rejection;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows that parsing the raw zone produces, one schema for all three kinds: a valid event, a dead letter, or the
 * mark of a file that could not be read to its end. {@code file} and {@code ordinal} order the records as they
 * arrived (files by path: the hour layout, then Firehose's time-stamped names).
 */
public final class ParsedRecord {

    /** The kind of a row, a one-byte code: every pass over the parsed records filters on it. */
    public static final String KIND = "kind";
    public static final byte EVENT = 0;
    public static final byte DEAD_LETTER = 1;
    public static final byte CORRUPT_FILE = 2;

    public static final StructType SCHEMA = new StructType()
            .add(KIND, DataTypes.ByteType, false)
            .add("file", DataTypes.StringType, false)
            .add("ordinal", DataTypes.LongType, false)
            .add("ingest_time", DataTypes.TimestampType, false)
            .add("event_id", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("campaign_id", DataTypes.StringType)
            .add("ad_id", DataTypes.StringType)
            .add("click_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("retailer_id", DataTypes.StringType)
            .add("product_id", DataTypes.StringType)
            .add("placement", DataTypes.StringType)
            .add("quantity", DataTypes.IntegerType)
            .add("schema_version", DataTypes.IntegerType)
            .add("extra_fields", DataTypes.StringType)
            .add("raw", DataTypes.BinaryType)
            .add("reason", DataTypes.StringType)
            .add("message", DataTypes.StringType);

    private ParsedRecord() {
    }

    static Row event(String file, RawRecord record, Instant ingestTime, AdEvent event) {
        return RowFactory.create(EVENT, file, record.ordinal(), ingestTime,
                event.eventId(), event.eventType().wireName(), event.eventTime(), event.campaignId(), event.adId(),
                event.clickId(), event.userId(), event.retailerId(), event.productId(), event.placement(),
                event.quantity(), event.schemaVersion(), event.extraFieldsJson(),
                null, null, null);
    }

    static Row deadLetter(String file, RawRecord record, Instant ingestTime, Rejection rejection) {
        return RowFactory.create(DEAD_LETTER, file, record.ordinal(), ingestTime,
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                record.bytes(), rejection.reason().name(), rejection.message());
    }

    /** The file could not be read past {@code ordinal} records: nothing of it is committed. */
    static Row corruptFile(String file, long recordsBefore, Instant ingestTime, String message) {
        return RowFactory.create(CORRUPT_FILE, file, recordsBefore, ingestTime,
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, message);
    }
}
