package io.adinsights.servers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.servers.Measurements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaServerExtension.class)
class KafkaServerIT {
    private static final int RECORDS = 300;
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void measureStart(KafkaServer kafka) {
        Measurements.log(kafka, "after first start");
    }

    @AfterAll
    static void measureEnd(KafkaServer kafka) {
        Measurements.log(kafka, "after the tests");
    }

    @Test
    void everyProducedRecordIsConsumedFromAThreePartitionTopic(KafkaServer kafka)
            throws InterruptedException, ExecutionException {
        kafka.createTopic("clicks", 3);
        List<String> values = IntStream.range(0, RECORDS).mapToObj(i -> "click-" + i).toList();

        produce(kafka, "clicks", values);
        List<ConsumerRecord<String, String>> consumed = consume(kafka, "clicks", RECORDS);

        assertThat(consumed).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(values);
        assertThat(consumed.stream().map(ConsumerRecord::partition).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void restartsOnTheSamePortWithTheSameRecords(KafkaServer kafka) throws InterruptedException, ExecutionException {
        kafka.createTopic("durable", 1);
        produce(kafka, "durable", List.of("before-restart"));
        String bootstrapServers = kafka.bootstrapServers();

        kafka.stop();
        kafka.start();
        Measurements.log(kafka, "after a restart");

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
        assertThat(consume(kafka, "durable", 1)).extracting(ConsumerRecord::value).containsExactly("before-restart");
    }

    private static void produce(KafkaServer kafka, String topic, List<String> values)
            throws InterruptedException, ExecutionException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sends = values.stream()
                    .map(value -> producer.send(new ProducerRecord<>(topic, value, value)))
                    .toList();
            // A failed send fails here, not as a missing record later.
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
    }

    private static List<ConsumerRecord<String, String>> consume(KafkaServer kafka, String topic, int count) {
        List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (consumed.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(consumed::add);
            }
        }
        return consumed;
    }
}
