package io.adinsights.speed.source;

import io.adinsights.speed.parse.IngestedRecord;
import io.adinsights.speed.parse.RecordIngester;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.Record;
import org.apache.flink.util.Collector;

/**
 * Parses Kinesis records in the source, with the record's approximate arrival time as the ingest time. The origin of
 * a dead letter is {@code kinesis:<stream name>/<shard id>/<sequence number>}.
 */
public final class KinesisRecordIngester implements KinesisDeserializationSchema<IngestedRecord> {

    private static final long serialVersionUID = 1L;

    private transient RecordIngester ingester;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        ingester = new RecordIngester();
    }

    @Override
    public void deserialize(Record record, String streamArn, String shardId, Collector<IngestedRecord> out) {
        out.collect(ingester.ingest(record.data().asByteArray(),
                () -> origin(streamArn, shardId, record.sequenceNumber()),
                record.approximateArrivalTimestamp().toEpochMilli()));
    }

    /** The stream is named by the last part of its ARN ({@code arn:aws:kinesis:...:stream/ad-events}). */
    static String origin(String streamArn, String shardId, String sequenceNumber) {
        return "kinesis:" + streamArn.substring(streamArn.lastIndexOf('/') + 1) + "/" + shardId + "/"
                + sequenceNumber;
    }

    @Override
    public TypeInformation<IngestedRecord> getProducedType() {
        return TypeInformation.of(IngestedRecord.class);
    }
}
