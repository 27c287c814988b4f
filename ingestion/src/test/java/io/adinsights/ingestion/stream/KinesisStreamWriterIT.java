package io.adinsights.ingestion.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.ingestion.support.StreamContents;
import io.adinsights.servers.kinesis.KinesisServer;
import io.adinsights.servers.kinesis.KinesisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

@ExtendWith(KinesisServerExtension.class)
class KinesisStreamWriterIT {

    private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20));

    @Test
    void writesLargeBatchesInSeveralCallsAndEveryRecordArrivesOnce(KinesisServer kinesis) {
        kinesis.createStream("writer-batches", 3);
        List<StreamRecord> records = records(1_200, "b");

        List<WriteOutcome> outcomes;
        try (KinesisStreamWriter writer = new KinesisStreamWriter(kinesis.newClient(), "writer-batches", QUICK)) {
            outcomes = writer.write(records);
        }

        assertThat(outcomes).hasSize(1_200).allSatisfy(outcome -> assertThat(outcome.written()).isTrue());
        assertThat(outcomes).extracting(WriteOutcome::location).allMatch(location -> location.startsWith("shardId-"));
        try (KinesisClient client = kinesis.newClient()) {
            assertThat(texts(StreamContents.kinesis(client, "writer-batches")))
                    .containsExactlyInAnyOrderElementsOf(texts(records.stream().map(StreamRecord::payload).toList()));
        }
    }

    @Test
    void retriesOnlyTheRecordsPutRecordsReportsAsFailed(KinesisServer kinesis) {
        kinesis.createStream("writer-retries", 3);
        List<StreamRecord> records = records(50, "r");
        // The server stores every record of the first call; the client is then told that every third one was
        // throttled, as Kinesis does under load. Only those are sent again, so they arrive twice (at least once).
        AtomicBoolean firstCall = new AtomicBoolean(true);
        ExecutionInterceptor throttleSome = new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (!(context.response() instanceof PutRecordsResponse response) || !firstCall.getAndSet(false)) {
                    return context.response();
                }
                List<PutRecordsResultEntry> entries = new ArrayList<>(response.records());
                for (int i = 0; i < entries.size(); i += 3) {
                    entries.set(i, PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("Rate exceeded for shard").build());
                }
                return response.toBuilder().records(entries).failedRecordCount((entries.size() + 2) / 3).build();
            }
        };
        KinesisClient client = KinesisClient.builder().endpointOverride(kinesis.endpoint()).region(kinesis.region())
                .credentialsProvider(kinesis.credentialsProvider()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(config -> config.addExecutionInterceptor(throttleSome)).build();

        List<WriteOutcome> outcomes;
        try (KinesisStreamWriter writer = new KinesisStreamWriter(client, "writer-retries", QUICK)) {
            outcomes = writer.write(records);
        }

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.written()).isTrue());
        try (KinesisClient reader = kinesis.newClient()) {
            List<String> stored = texts(StreamContents.kinesis(reader, "writer-retries"));
            List<String> expected = new ArrayList<>(texts(records.stream().map(StreamRecord::payload).toList()));
            for (int i = 0; i < records.size(); i += 3) {
                expected.add(new String(records.get(i).payload(), StandardCharsets.UTF_8));
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void reportsEveryRecordAsFailedWhenTheStreamDoesNotExist(KinesisServer kinesis) {
        try (KinesisStreamWriter writer = new KinesisStreamWriter(kinesis.newClient(), "no-such-stream", QUICK)) {
            List<WriteOutcome> outcomes = writer.write(records(3, "x"));

            assertThat(outcomes).hasSize(3).allSatisfy(outcome -> {
                assertThat(outcome.written()).isFalse();
                assertThat(outcome.error()).contains("ResourceNotFoundException");
            });
        }
    }

    private static List<StreamRecord> records(int count, String prefix) {
        return IntStream.range(0, count)
                .mapToObj(i -> new StreamRecord(prefix + "-" + i, ("{\"eventId\":\"" + prefix + "-" + i
                        + "\",\"pad\":\"" + "p".repeat(i % 97) + "\"}").getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static List<String> texts(List<byte[]> payloads) {
        return payloads.stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
