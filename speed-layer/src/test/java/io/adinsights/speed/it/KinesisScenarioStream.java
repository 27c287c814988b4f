package io.adinsights.speed.it;

import io.adinsights.servers.kinesis.KinesisServer;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.deadletter.DeadLetterJson;
import io.adinsights.traffic.generator.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A Kinesis stream of 3 shards on kinesis-local, written with PutRecords batches, and dead letters in files (the job
 * has no Kafka here). Remembers where each delivery was stored, as the job's dead letters must name it:
 * {@code kinesis:<stream>/<shard id>/<sequence number>}.
 */
final class KinesisScenarioStream implements ScenarioStream {

    static final int SHARDS = 3;
    /** The PutRecords limits: 500 records and 5 MiB a request (1 MiB a record, key included). */
    private static final int MAX_BATCH_RECORDS = 500;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    final String stream;
    final String streamArn;
    private final KinesisServer kinesis;
    private final KinesisClient client;
    private final List<Shard> shards;
    private final Path deadLetterDir;
    private final List<PutRecordsRequestEntry> batch = new ArrayList<>();
    private final List<Long> batchSequences = new ArrayList<>();
    private final Map<Long, String> originBySequence = new HashMap<>();
    private int batchBytes;

    KinesisScenarioStream(KinesisServer kinesis, String id, Path deadLetterDir) {
        this.kinesis = kinesis;
        this.stream = "ad-events-" + id;
        this.deadLetterDir = deadLetterDir;
        kinesis.createStream(stream, SHARDS);
        this.client = kinesis.newClient();
        this.streamArn = client.describeStreamSummary(request -> request.streamName(stream))
                .streamDescriptionSummary().streamARN();
        this.shards = client.listShards(request -> request.streamName(stream)).shards();
        if (shards.size() != SHARDS) {
            throw new IllegalStateException("Stream " + stream + " has " + shards.size() + " shards, not " + SHARDS);
        }
    }

    @Override
    public int partitions() {
        return SHARDS;
    }

    @Override
    public SpeedLayerConfig.Builder configure(SpeedLayerConfig.Builder job) {
        return job.sourceKind(SpeedLayerConfig.SourceKind.KINESIS)
                .kinesis(streamArn, kinesis.endpoint().toString(), kinesis.region().id())
                .kinesisShardDiscoveryInterval(Duration.ofSeconds(1))
                .deadLetterTopic(null)
                .deadLetterDir(deadLetterDir.toUri().toString());
    }

    @Override
    public void send(Delivery delivery) {
        add(PutRecordsRequestEntry.builder()
                .partitionKey(delivery.partitionKey())
                .data(SdkBytes.fromByteArray(delivery.payload()))
                .build(), delivery.sequence());
    }

    /** To the shard whose hash key range starts the range: its starting hash key picks it. */
    @Override
    public void send(int partition, String key, byte[] payload) {
        add(PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .explicitHashKey(shards.get(partition).hashKeyRange().startingHashKey())
                .data(SdkBytes.fromByteArray(payload))
                .build(), -1);
    }

    private void add(PutRecordsRequestEntry entry, long sequence) {
        int size = entry.data().asByteBuffer().remaining() + entry.partitionKey().getBytes(StandardCharsets.UTF_8)
                .length;
        if (batch.size() == MAX_BATCH_RECORDS || batchBytes + size > MAX_BATCH_BYTES) {
            flush();
        }
        batch.add(entry);
        batchSequences.add(sequence);
        batchBytes += size;
    }

    /**
     * Puts the batch in one request. A record the stream refuses fails the test rather than being retried: a retry
     * would reorder the records of a shard, and the first copy of an eventId is the one that counts.
     */
    @Override
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        PutRecordsResponse response = client.putRecords(request -> request.streamName(stream).records(batch));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            PutRecordsResultEntry failed = response.records().stream().filter(entry -> entry.errorCode() != null)
                    .findFirst().orElseThrow();
            throw new IllegalStateException(response.failedRecordCount() + " of " + batch.size()
                    + " records refused by stream " + stream + ", e.g. " + failed.errorCode() + ": "
                    + failed.errorMessage());
        }
        for (int i = 0; i < batch.size(); i++) {
            PutRecordsResultEntry stored = response.records().get(i);
            originBySequence.put(batchSequences.get(i), "kinesis:" + stream + "/" + stored.shardId() + "/"
                    + stored.sequenceNumber());
        }
        batch.clear();
        batchSequences.clear();
        batchBytes = 0;
    }

    /** Where the delivery with this sequence was stored, as a dead letter names it. */
    String origin(long sequence) {
        String origin = originBySequence.get(sequence);
        if (origin == null) {
            throw new IllegalArgumentException("Delivery " + sequence + " was not sent");
        }
        return origin;
    }

    /** The committed dead-letter files (in-progress files start with a dot), one letter a line. */
    @Override
    public List<Map<String, Object>> deadLetters(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> letters = readDeadLetters();
        while (letters.size() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            letters = readDeadLetters();
        }
        return letters;
    }

    private List<Map<String, Object>> readDeadLetters() {
        List<Map<String, Object>> letters = new ArrayList<>();
        if (!Files.exists(deadLetterDir)) {
            return letters;
        }
        try (Stream<Path> walk = Files.walk(deadLetterDir)) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(".")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) {
                        letters.add(DeadLetterJson.parse(line.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dead letters in " + deadLetterDir, e);
        }
        return letters;
    }

    @Override
    public void close() {
        client.close();
    }
}
