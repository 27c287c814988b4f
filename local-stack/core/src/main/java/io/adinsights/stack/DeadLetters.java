package io.adinsights.stack;

import io.adinsights.schemas.event.DeadLetter;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.traffic.oracle.ExpectedDeadLetter;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The platform's dead-letter stream compared with what the oracle expects: letters are told apart by reason and raw
 * bytes (as far as a letter keeps them), counted as multisets. The stream is at least once, so a letter written twice
 * for the same origin (a replay after a restart) counts once.
 */
final class DeadLetters {

    private DeadLetters() {
    }

    /** Reason, length and hash of the raw bytes a letter keeps, as a comparable key. */
    private static String key(String reason, byte[] raw) {
        byte[] kept = raw.length > EventJson.MAX_RAW_BYTES_IN_DEAD_LETTER
                ? Arrays.copyOf(raw, EventJson.MAX_RAW_BYTES_IN_DEAD_LETTER) : raw;
        return reason + ":" + kept.length + ":" + Arrays.hashCode(kept);
    }

    static Map<String, Integer> expected(List<ExpectedDeadLetter> letters) {
        Map<String, Integer> counts = new HashMap<>();
        letters.forEach(letter -> counts.merge(key(letter.reason().name(), letter.payload()), 1, Integer::sum));
        return counts;
    }

    /** Reads the whole dead-letter topic (one partition) until {@code expected} distinct origins or the timeout. */
    static Map<String, Integer> read(String bootstrapServers, int expected, Duration timeout) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("max.partition.fetch.bytes", String.valueOf(LocalStack.MAX_MESSAGE_BYTES));
        Map<String, String> byOrigin = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(LocalStack.DEAD_LETTER_STREAM, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while ((byOrigin.size() < expected || consumer.position(partition) < end)
                    && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    DeadLetter letter = EventJson.readDeadLetter(record.value());
                    byOrigin.put(letter.origin(), key(letter.rejection().reason().name(), letter.raw()));
                }
                end = consumer.endOffsets(List.of(partition)).get(partition);
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        byOrigin.values().forEach(key -> counts.merge(key, 1, Integer::sum));
        return counts;
    }
}
