package io.adinsights.servers.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.servers.Measurements;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

@ExtendWith(KinesisServerExtension.class)
class KinesisServerIT {
    private static final String STREAM = "ad-events-it";
    private static final int RECORDS = 300;

    @BeforeAll
    static void measureStart(KinesisServer kinesis) {
        Measurements.log(kinesis, "after first start");
    }

    @AfterAll
    static void measureEnd(KinesisServer kinesis) {
        Measurements.log(kinesis, "after the tests");
    }

    @Test
    void everyPutRecordIsReadBackFromTheShards(KinesisServer kinesis) {
        kinesis.createStream(STREAM, 3);
        List<String> sent = IntStream.range(0, RECORDS).mapToObj(i -> "{\"eventId\":\"e-" + i + "\"}").toList();

        try (KinesisClient client = kinesis.newClient()) {
            PutRecordsResponse put = client.putRecords(request -> request.streamName(STREAM).records(sent.stream()
                    .map(data -> PutRecordsRequestEntry.builder()
                            .partitionKey(data)
                            .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))
                            .build())
                    .toList()));
            assertThat(put.failedRecordCount()).isZero();

            List<Shard> shards = client.listShards(request -> request.streamName(STREAM)).shards();
            assertThat(shards).hasSize(3);
            List<String> received = new ArrayList<>();
            for (Shard shard : shards) {
                received.addAll(readShard(client, shard));
            }

            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static List<String> readShard(KinesisClient client, Shard shard) {
        String iterator = client.getShardIterator(request -> request.streamName(STREAM).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<String> data = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse response = client.getRecords(request -> request.shardIterator(current));
            if (response.records().isEmpty()) {
                break;
            }
            response.records().stream().map(Record::data).map(bytes -> bytes.asUtf8String()).forEach(data::add);
            iterator = response.nextShardIterator();
        }
        return data;
    }
}
