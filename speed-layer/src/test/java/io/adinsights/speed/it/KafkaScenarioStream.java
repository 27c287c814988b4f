package io.adinsights.speed.it;

import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.deadletter.DeadLetterJson;
import io.adinsights.traffic.generator.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A topic of 3 partitions that takes records up to 2 MiB, and a topic for the job's dead letters. */
final class KafkaScenarioStream implements ScenarioStream {

    static final int PARTITIONS = 3;
    private static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    final String topic;
    final String deadLetterTopic;
    private final KafkaServer kafka;
    private final KafkaProducer<byte[], byte[]> producer;

    KafkaScenarioStream(KafkaServer kafka, String id) {
        this.kafka = kafka;
        this.topic = "ad-events-" + id;
        this.deadLetterTopic = "dead-letters-" + id;
        // Records up to 2 MiB: the oversized record is just over 1 MiB.
        Map<String, String> bigRecords = Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        kafka.createTopic(topic, PARTITIONS, bigRecords);
        kafka.createTopic(deadLetterTopic, 1, bigRecords);
        Properties producerProperties = new Properties();
        producerProperties.put("bootstrap.servers", kafka.bootstrapServers());
        producerProperties.put("max.request.size", String.valueOf(MAX_MESSAGE_BYTES));
        producerProperties.put("linger.ms", "5");
        producerProperties.put("acks", "all");
        this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @Override
    public int partitions() {
        return PARTITIONS;
    }

    @Override
    public SpeedLayerConfig.Builder configure(SpeedLayerConfig.Builder job) {
        return job.kafka(kafka.bootstrapServers(), topic, "speed-layer-" + topic)
                .deadLetterTopic(deadLetterTopic)
                .deadLetterDir(null);
    }

    @Override
    public void send(Delivery delivery) {
        producer.send(new ProducerRecord<>(topic, delivery.partitionKey().getBytes(StandardCharsets.UTF_8),
                delivery.payload()));
    }

    @Override
    public void send(int partition, String key, byte[] payload) {
        producer.send(new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), payload));
    }

    @Override
    public void flush() {
        producer.flush();
    }

    /** The dead-letter topic read from the beginning. */
    @Override
    public List<Map<String, Object>> deadLetters(int expected, Duration timeout) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("max.partition.fetch.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        List<Map<String, Object>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(deadLetterTopic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (letters.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(DeadLetterJson.parse(record.value()));
                }
            }
        }
        return letters;
    }

    @Override
    public void close() {
        producer.close();
    }
}
