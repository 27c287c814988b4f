package io.adinsights.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

class StreamPartitionsTest {

    /** Three shards splitting the 128-bit hash key space evenly, as a new stream of three shards does. */
    private static final List<Shard> THREE_SHARDS = List.of(
            shard("0", "113427455640312821154458202477256070484"),
            shard("113427455640312821154458202477256070485", "226854911280625642308916404954512140969"),
            shard("226854911280625642308916404954512140970", "340282366920938463463374607431768211455"));

    @Test
    void kafkaPartitionsAsTheProducerDoes() {
        for (int i = 0; i < 1_000; i++) {
            String key = "event-" + i;
            assertThat(StreamPartitions.kafkaPartition(key, 3))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 3));
        }
    }

    @Test
    void kinesisShardHoldsTheKeysMd5() {
        // MD5("watermark-sentinel-0") = 96083652164883626507353323337251994533 (first third),
        // MD5("watermark-sentinel-1") = 314258556695193842282626085755645751489 (last third),
        // MD5("watermark-sentinel-2") = 131504530835685323907869699768892450391 (middle third).
        assertThat(StreamPartitions.kinesisShard("watermark-sentinel-0", THREE_SHARDS)).isZero();
        assertThat(StreamPartitions.kinesisShard("watermark-sentinel-1", THREE_SHARDS)).isEqualTo(2);
        assertThat(StreamPartitions.kinesisShard("watermark-sentinel-2", THREE_SHARDS)).isEqualTo(1);
    }

    @Test
    void oneKeyLandsOnEveryPartition() {
        List<String> keys = StreamPartitions.oneKeyPerPartition("watermark-sentinel-", 3,
                key -> StreamPartitions.kinesisShard(key, THREE_SHARDS));
        assertThat(keys).containsExactly("watermark-sentinel-0", "watermark-sentinel-2", "watermark-sentinel-1");

        List<String> kafkaKeys = StreamPartitions.oneKeyPerPartition("k-", 3,
                key -> StreamPartitions.kafkaPartition(key, 3));
        for (int partition = 0; partition < 3; partition++) {
            assertThat(StreamPartitions.kafkaPartition(kafkaKeys.get(partition), 3)).isEqualTo(partition);
        }
    }

    @Test
    void aPartitionNoKeyReachesIsAnError() {
        assertThatThrownBy(() -> StreamPartitions.oneKeyPerPartition("k-", 3, key -> 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("every one of 3 partitions");
    }

    private static Shard shard(String start, String end) {
        return Shard.builder().shardId("shard-" + start.length())
                .hashKeyRange(HashKeyRange.builder().startingHashKey(start).endingHashKey(end).build()).build();
    }
}
