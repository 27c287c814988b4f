package io.adinsights.speed.source;

import io.adinsights.speed.parse.IngestedRecord;
import io.adinsights.speed.parse.RecordIngester;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Parses Kafka records in the source, with the record's timestamp as the ingest time. */
public final class KafkaRecordIngester implements KafkaRecordDeserializationSchema<IngestedRecord> {

    private static final long serialVersionUID = 1L;

    private transient RecordIngester ingester;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        ingester = new RecordIngester();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestedRecord> out) {
        out.collect(ingester.ingest(record.value(),
                () -> "kafka:" + record.topic() + "/" + record.partition() + "/" + record.offset(),
                record.timestamp()));
    }

    @Override
    public TypeInformation<IngestedRecord> getProducedType() {
        return TypeInformation.of(IngestedRecord.class);
    }
}
