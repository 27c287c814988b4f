package io.adinsights.ingestion.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes to a Kinesis data stream with PutRecords, at most 500 records or 5 MiB per call. PutRecords can succeed for
 * some records and fail for others (throttling, internal errors): only the failed ones are sent again.
 */
public final class KinesisStreamWriter implements StreamWriter {

    static final int MAX_RECORDS_PER_CALL = 500;
    static final int MAX_BYTES_PER_CALL = 5 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(KinesisStreamWriter.class);

    private final KinesisClient client;
    private final String streamName;
    private final RetryPolicy retryPolicy;

    public KinesisStreamWriter(KinesisClient client, String streamName, RetryPolicy retryPolicy) {
        this.client = requireNonNull(client, "client is null");
        this.streamName = requireNonNull(streamName, "streamName is null");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
    }

    @Override
    public List<WriteOutcome> write(List<StreamRecord> records) {
        WriteOutcome[] outcomes = new WriteOutcome[records.size()];
        int start = 0;
        while (start < records.size()) {
            int end = callEnd(records, start);
            writeCall(records, start, end, outcomes);
            start = end;
        }
        return Arrays.asList(outcomes);
    }

    /** The end of the largest run of records from {@code start} that fits one PutRecords call. */
    private static int callEnd(List<StreamRecord> records, int start) {
        int end = start;
        long bytes = 0;
        while (end < records.size() && end - start < MAX_RECORDS_PER_CALL) {
            StreamRecord record = records.get(end);
            bytes += record.payload().length + record.partitionKey().length();
            if (bytes > MAX_BYTES_PER_CALL && end > start) {
                break;
            }
            end++;
        }
        return end;
    }

    private void writeCall(List<StreamRecord> records, int start, int end, WriteOutcome[] outcomes) {
        List<Integer> pending = new ArrayList<>();
        for (int i = start; i < end; i++) {
            pending.add(i);
        }
        String lastError = "not attempted";
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1 && !retryPolicy.pauseBefore(attempt)) {
                lastError = "interrupted while waiting to retry";
                break;
            }
            try {
                PutRecordsResponse response = client.putRecords(request(records, pending));
                List<Integer> failed = new ArrayList<>();
                for (int j = 0; j < pending.size(); j++) {
                    PutRecordsResultEntry entry = response.records().get(j);
                    if (entry.errorCode() == null) {
                        outcomes[pending.get(j)] = WriteOutcome.written(entry.shardId() + "/" + entry.sequenceNumber());
                    } else {
                        failed.add(pending.get(j));
                        lastError = entry.errorCode() + ": " + entry.errorMessage();
                    }
                }
                if (!failed.isEmpty()) {
                    LOG.warn("PutRecords to {}: {} of {} records failed on attempt {} ({})", streamName,
                            failed.size(), pending.size(), attempt, lastError);
                }
                pending = failed;
            } catch (SdkException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warn("PutRecords to {} failed on attempt {}: {}", streamName, attempt, lastError);
            }
        }
        for (int index : pending) {
            outcomes[index] = WriteOutcome.failed(lastError);
        }
    }

    private PutRecordsRequest request(List<StreamRecord> records, List<Integer> indexes) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            StreamRecord record = records.get(index);
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(record.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(record.payload()))
                    .build());
        }
        return PutRecordsRequest.builder().streamName(streamName).records(entries).build();
    }

    @Override
    public String destination() {
        return "kinesis:" + streamName;
    }

    @Override
    public void close() {
        client.close();
    }
}
