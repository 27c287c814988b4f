package io.adinsights.speed.deadletter;

import io.adinsights.speed.parse.IngestedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/** The dead-letter destinations: a Kafka topic, or JSON lines in files committed on checkpoints. */
public final class DeadLetterSinks {

    private static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    private DeadLetterSinks() {
    }

    /** At least once: a replay after a failure may repeat a letter; consumers dedup by its origin. */
    public static Sink<IngestedRecord> kafka(String bootstrapServers, String topic) {
        Properties producer = new Properties();
        producer.setProperty("max.request.size", String.valueOf(MAX_REQUEST_BYTES));
        return KafkaSink.<IngestedRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(KafkaRecordSerializationSchema.<IngestedRecord>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(record -> record.origin.getBytes(StandardCharsets.UTF_8))
                        .setValueSerializationSchema(DeadLetterJson::toJson)
                        .build())
                .build();
    }

    /** Exactly once: files become visible when the checkpoint that covers them completes. */
    public static Sink<IngestedRecord> files(String directory) {
        Encoder<IngestedRecord> jsonLines = (record, stream) -> {
            stream.write(DeadLetterJson.toJson(record));
            stream.write('\n');
        };
        return FileSink.forRowFormat(new Path(directory), jsonLines)
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .build();
    }
}
