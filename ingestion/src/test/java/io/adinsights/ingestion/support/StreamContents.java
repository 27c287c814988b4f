package io.adinsights.ingestion.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads back everything a stream holds, for tests that compare it with what was sent. */
public final class StreamContents {

    private StreamContents() {
    }

    /** Every record of every shard of a Kinesis stream, from the start. */
    public static List<byte[]> kinesis(KinesisClient client, String stream) {
        List<byte[]> payloads = new ArrayList<>();
        for (Shard shard : client.listShards(request -> request.streamName(stream)).shards()) {
            String iterator = client.getShardIterator(request -> request.streamName(stream)
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = client.getRecords(request -> request.shardIterator(current).limit(1000));
                for (Record record : page.records()) {
                    payloads.add(record.data().asByteArray());
                }
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return payloads;
    }

    /** Every record of a Kafka topic, polling until {@code expected} records came or the time is up. */
    public static List<byte[]> kafka(String bootstrapServers, String topic, int expected, Duration patience) {
        List<byte[]> payloads = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + patience.toNanos();
            while (payloads.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    payloads.add(record.value());
                }
            }
            // One more poll: anything beyond what was expected is a defect the caller must see.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> payloads.add(record.value()));
        }
        return payloads;
    }
}
