package io.adinsights.batch.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.validation.Rejection;
import io.adinsights.schemas.validation.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The rows the writer makes, read back by column name through Spark's own conversion of its row format. */
class ParsedRecordTest {

    private static final UTF8String FILE = UTF8String.fromString("s3://raw/2026/03/29/05/ad-events-1.gz");
    private static final Instant INGEST = Instant.parse("2026-03-29T06:00:00Z");

    private final ParsedRecord.Writer writer = new ParsedRecord.Writer();

    @Test
    void writesAnEventInTheSchemasColumns() {
        AdEvent basket = new AdEvent("e-1", EventType.ADD_TO_BASKET, Instant.parse("2026-03-29T05:10:11.123Z"), null,
                null, "c-9", "u-3", "r-2", "p-7", "home_top", 2, 1, "{\"x\":1}");

        Row row = read(writer.event(FILE, record(41), DateTimeUtils.instantToMicros(INGEST), basket));

        assertThat(row.<Byte>getAs(ParsedRecord.KIND)).isEqualTo(ParsedRecord.EVENT);
        assertThat(row.<String>getAs("file")).isEqualTo(FILE.toString());
        assertThat(row.<Long>getAs("ordinal")).isEqualTo(41L);
        assertThat(row.<Timestamp>getAs("ingest_time").toInstant()).isEqualTo(INGEST);
        assertThat(row.<String>getAs("event_id")).isEqualTo("e-1");
        assertThat(row.<String>getAs("event_type")).isEqualTo("add_to_basket");
        assertThat(row.<Timestamp>getAs("event_time").toInstant()).isEqualTo(basket.eventTime());
        assertThat(row.<String>getAs("campaign_id")).isNull();
        assertThat(row.<String>getAs("ad_id")).isNull();
        assertThat(row.<String>getAs("click_id")).isEqualTo("c-9");
        assertThat(row.<String>getAs("user_id")).isEqualTo("u-3");
        assertThat(row.<String>getAs("retailer_id")).isEqualTo("r-2");
        assertThat(row.<String>getAs("product_id")).isEqualTo("p-7");
        assertThat(row.<String>getAs("placement")).isEqualTo("home_top");
        assertThat(row.<Integer>getAs("quantity")).isEqualTo(2);
        assertThat(row.<Integer>getAs("schema_version")).isEqualTo(1);
        assertThat(row.<String>getAs("extra_fields")).isEqualTo("{\"x\":1}");
        assertThat(row.<byte[]>getAs("raw")).isNull();
        assertThat(row.<String>getAs("reason")).isNull();
        assertThat(row.<String>getAs("message")).isNull();
    }

    @Test
    void writesAnImpressionWithoutBasketFields() {
        AdEvent impression = AdEvent.impression("e-2", Instant.parse("1969-12-31T23:59:59.999Z"), "cmp-1", "ad-1");

        Row row = read(writer.event(FILE, record(0), DateTimeUtils.instantToMicros(INGEST), impression));

        assertThat(row.<Timestamp>getAs("event_time").toInstant()).isEqualTo(impression.eventTime());
        assertThat(row.<String>getAs("campaign_id")).isEqualTo("cmp-1");
        assertThat(row.<String>getAs("ad_id")).isEqualTo("ad-1");
        assertThat(row.<String>getAs("click_id")).isNull();
        assertThat(row.<Integer>getAs("quantity")).isNull();
        assertThat(row.<String>getAs("extra_fields")).isNull();
    }

    @Test
    void writesADeadLetterWithItsBytesAndReason() {
        Rejection rejection = new Rejection(RejectionReason.TRUNCATED_RECORD, "the record ends early");

        Row row = read(writer.deadLetter(FILE, record(7), DateTimeUtils.instantToMicros(INGEST), rejection));

        assertThat(row.<Byte>getAs(ParsedRecord.KIND)).isEqualTo(ParsedRecord.DEAD_LETTER);
        assertThat(row.<Long>getAs("ordinal")).isEqualTo(7L);
        assertThat(row.<String>getAs("event_id")).isNull();
        assertThat(row.<Timestamp>getAs("event_time")).isNull();
        assertThat(row.<Integer>getAs("schema_version")).isNull();
        assertThat(new String(row.<byte[]>getAs("raw"), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":7");
        assertThat(row.<String>getAs("reason")).isEqualTo("TRUNCATED_RECORD");
        assertThat(row.<String>getAs("message")).isEqualTo("the record ends early");
    }

    @Test
    void writesTheMarkOfACorruptFile() {
        Row row = read(writer.corruptFile(FILE, 12, DateTimeUtils.instantToMicros(INGEST), "gzip stream cut short"));

        assertThat(row.<Byte>getAs(ParsedRecord.KIND)).isEqualTo(ParsedRecord.CORRUPT_FILE);
        assertThat(row.<Long>getAs("ordinal")).isEqualTo(12L);
        assertThat(row.<byte[]>getAs("raw")).isNull();
        assertThat(row.<String>getAs("reason")).isNull();
        assertThat(row.<String>getAs("message")).isEqualTo("gzip stream cut short");
    }

    private static RawRecord record(long ordinal) {
        return new RawRecord(("{\"eventId\":" + ordinal).getBytes(StandardCharsets.UTF_8), ordinal, 0, true, false);
    }

    private static Row read(InternalRow row) {
        return (Row) CatalystTypeConverters.createToScalaConverter(ParsedRecord.SCHEMA).apply(row);
    }
}
