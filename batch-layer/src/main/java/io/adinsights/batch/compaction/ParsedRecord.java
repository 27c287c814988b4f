package io.adinsights.batch.compaction;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.validation.Rejection;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

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

    /**
     * Writes the rows straight in Spark's binary row format, one writer per task. Rows built as Java objects went
     * through Spark's encoder (every string encoded to UTF-8 again, every value boxed) and were then copied twice
     * more before the checkpoint held them: that was a quarter of the parse step. Each row is in the writer's own
     * buffer, valid until the next row is written: {@link PackedRows} copies it where it is kept.
     */
    static final class Writer {

        private static final int INITIAL_ROW_BYTES = 512;
        private static final Map<EventType, UTF8String> EVENT_TYPES = new EnumMap<>(EventType.class);

        static {
            for (EventType type : EventType.values()) {
                EVENT_TYPES.put(type, UTF8String.fromString(type.wireName()));
            }
        }

        private final UnsafeRowWriter row = new UnsafeRowWriter(SCHEMA.size(), INITIAL_ROW_BYTES);

        UnsafeRow event(UTF8String file, RawRecord record, long ingestMicros, AdEvent event) {
            start(EVENT, file, record.ordinal(), ingestMicros);
            row.write(4, UTF8String.fromString(event.eventId()));
            row.write(5, EVENT_TYPES.get(event.eventType()));
            row.write(6, DateTimeUtils.instantToMicros(event.eventTime()));
            writeNullable(7, event.campaignId());
            writeNullable(8, event.adId());
            writeNullable(9, event.clickId());
            writeNullable(10, event.userId());
            writeNullable(11, event.retailerId());
            writeNullable(12, event.productId());
            writeNullable(13, event.placement());
            if (event.quantity() == null) {
                row.setNullAt(14);
            } else {
                row.write(14, event.quantity().intValue());
            }
            row.write(15, event.schemaVersion());
            writeNullable(16, event.extraFieldsJson());
            setNull(17, 19);
            return row.getRow();
        }

        UnsafeRow deadLetter(UTF8String file, RawRecord record, long ingestMicros, Rejection rejection) {
            start(DEAD_LETTER, file, record.ordinal(), ingestMicros);
            setNull(4, 16);
            row.write(17, record.bytes());
            row.write(18, UTF8String.fromString(rejection.reason().name()));
            writeNullable(19, rejection.message());
            return row.getRow();
        }

        /** The file could not be read past {@code ordinal} records: nothing of it is committed. */
        UnsafeRow corruptFile(UTF8String file, long recordsBefore, long ingestMicros, String message) {
            start(CORRUPT_FILE, file, recordsBefore, ingestMicros);
            setNull(4, 18);
            writeNullable(19, message);
            return row.getRow();
        }

        private void start(byte kind, UTF8String file, long ordinal, long ingestMicros) {
            row.reset();
            row.zeroOutNullBytes();
            row.write(0, kind);
            row.write(1, file);
            row.write(2, ordinal);
            row.write(3, ingestMicros);
        }

        /** The fields {@code first} to {@code last} (inclusive) are null: those of the other kinds of row. */
        private void setNull(int first, int last) {
            for (int field = first; field <= last; field++) {
                row.setNullAt(field);
            }
        }

        private void writeNullable(int field, String value) {
            if (value == null) {
                row.setNullAt(field);
            } else {
                row.write(field, UTF8String.fromString(value));
            }
        }
    }
}
