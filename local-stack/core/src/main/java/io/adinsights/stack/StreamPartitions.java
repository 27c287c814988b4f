package io.adinsights.stack;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.utils.Utils;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Partition keys that land on each partition of the stack's event stream, by the stream's own rule: Kafka's default
 * partitioner (murmur2 of the key) or Kinesis' (the MD5 of the key within a shard's hash key range). The one-shot run
 * sends one watermark sentinel to every partition, so no partition needs to go idle for the watermark to advance.
 */
final class StreamPartitions {

    private static final int MAX_CANDIDATES = 10_000;

    private StreamPartitions() {
    }

    /** One key per partition of the stack's event stream, {@code prefix} followed by a number. */
    static List<String> oneKeyPerPartition(LocalStack stack, String prefix) {
        if (stack.kafka() != null) {
            return oneKeyPerPartition(prefix, LocalStack.STREAM_PARTITIONS,
                    key -> kafkaPartition(key, LocalStack.STREAM_PARTITIONS));
        }
        List<Shard> shards;
        try (var client = stack.kinesis().newClient()) {
            shards = client.listShards(request -> request.streamName(LocalStack.EVENTS_STREAM)).shards().stream()
                    .filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null).toList();
        }
        return oneKeyPerPartition(prefix, shards.size(), key -> kinesisShard(key, shards));
    }

    static List<String> oneKeyPerPartition(String prefix, int partitions, ToIntFunction<String> partitionOf) {
        String[] keys = new String[partitions];
        int found = 0;
        for (int candidate = 0; candidate < MAX_CANDIDATES && found < partitions; candidate++) {
            String key = prefix + candidate;
            int partition = partitionOf.applyAsInt(key);
            if (partition >= 0 && keys[partition] == null) {
                keys[partition] = key;
                found++;
            }
        }
        if (found < partitions) {
            throw new IllegalStateException("No key of the form " + prefix + "N reaches every one of " + partitions
                    + " partitions");
        }
        return List.of(keys);
    }

    /** Kafka's default partitioner for a record with a key (the producer's {@code BuiltInPartitioner}). */
    static int kafkaPartition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The index of the shard whose hash key range holds the key's MD5, read as an unsigned 128-bit number. */
    static int kinesisShard(String key, List<Shard> shards) {
        BigInteger hash = new BigInteger(1, md5(key.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < shards.size(); i++) {
            BigInteger start = new BigInteger(shards.get(i).hashKeyRange().startingHashKey());
            BigInteger end = new BigInteger(shards.get(i).hashKeyRange().endingHashKey());
            if (hash.compareTo(start) >= 0 && hash.compareTo(end) <= 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
