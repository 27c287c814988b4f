package io.adinsights.speed.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.speed.parse.IngestedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.core.SdkBytes;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.Record;
import org.junit.jupiter.api.Test;

class KinesisRecordIngesterTest {

    private static final String STREAM_ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/ad-events";
    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";
    private static final Instant ARRIVAL = Instant.parse("2026-03-29T10:15:30.250Z");

    @Test
    void aValidRecordIsParsedWithItsArrivalTime() {
        IngestedRecord record = ingest("{\"eventId\":\"e-1\",\"eventType\":\"impression\",\"eventTime\":"
                + "\"2026-03-29T10:15:00Z\",\"campaignId\":\"cmp-1\",\"adId\":\"ad-1\"}");

        assertThat(record.isValid()).isTrue();
        assertThat(record.event.eventId).isEqualTo("e-1");
        assertThat(record.arrivalTime).isEqualTo(ARRIVAL.toEpochMilli());
        assertThat(record.origin).as("only dead letters carry their origin").isNull();
    }

    @Test
    void anInvalidRecordIsADeadLetterNamingItsShardAndSequenceNumber() {
        IngestedRecord record = ingest("{\"eventId\":");

        assertThat(record.isValid()).isFalse();
        assertThat(record.rejectionReason).isNotBlank();
        assertThat(new String(record.raw, StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":");
        assertThat(record.origin).isEqualTo("kinesis:ad-events/shardId-000000000002/" + SEQUENCE);
        assertThat(record.arrivalTime).isEqualTo(ARRIVAL.toEpochMilli());
    }

    private static IngestedRecord ingest(String data) {
        KinesisRecordIngester ingester = new KinesisRecordIngester();
        ingester.open(null);
        List<IngestedRecord> out = new ArrayList<>();
        ingester.deserialize(Record.builder()
                .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))
                .partitionKey("e-1")
                .sequenceNumber(SEQUENCE)
                .approximateArrivalTimestamp(ARRIVAL)
                .build(), STREAM_ARN, "shardId-000000000002", new ListCollector<>(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
