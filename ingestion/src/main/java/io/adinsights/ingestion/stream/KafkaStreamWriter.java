package io.adinsights.ingestion.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes to a Kafka topic, the stream of local runs. The producer is idempotent with {@code acks=all} and retries
 * transient errors itself within its delivery timeout, so a record reported failed has really failed.
 */
public final class KafkaStreamWriter implements StreamWriter {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public KafkaStreamWriter(String bootstrapServers, String topic) {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.CLIENT_ID_CONFIG, "adinsights-ingestion"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public List<WriteOutcome> write(List<StreamRecord> records) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (StreamRecord record : records) {
            sends.add(producer.send(new ProducerRecord<>(topic, record.partitionKey(), record.payload())));
        }
        producer.flush();
        List<WriteOutcome> outcomes = new ArrayList<>(records.size());
        for (Future<RecordMetadata> send : sends) {
            outcomes.add(outcome(send));
        }
        return outcomes;
    }

    private static WriteOutcome outcome(Future<RecordMetadata> send) {
        try {
            RecordMetadata metadata = send.get();
            return WriteOutcome.written(metadata.topic() + "/" + metadata.partition() + "@" + metadata.offset());
        } catch (ExecutionException e) {
            return WriteOutcome.failed(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WriteOutcome.failed("interrupted while waiting for the broker");
        }
    }

    @Override
    public String destination() {
        return "kafka:" + topic;
    }

    @Override
    public void close() {
        producer.close();
    }
}
