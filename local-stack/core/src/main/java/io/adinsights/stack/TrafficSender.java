package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.ingestion.producer.AdEventProducer;
import io.adinsights.ingestion.producer.ProducerSettings;
import io.adinsights.ingestion.stream.KafkaStreamWriter;
import io.adinsights.ingestion.stream.KinesisStreamWriter;
import io.adinsights.ingestion.stream.RetryPolicy;
import io.adinsights.ingestion.stream.StreamWriter;
import io.adinsights.ingestion.stream.WriteOutcome;
import io.adinsights.traffic.generator.Delivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The simulator's two ways in, as retailers use them: most events through the ingestion endpoint, one in four through
 * the producer library straight onto the stream. Malformed records take the producer route: on the stream the speed
 * layer dead-letters them with their stream origin, and no HTTP framing (a blank record, an array, a line break inside
 * a record) can change what they are. Records too large for any stream record go to ingestion, alone in their request:
 * only ingestion can turn them into dead letters.
 */
final class TrafficSender implements AutoCloseable {

    private static final int PRODUCER_SHARE = 4;
    private static final int HTTP_SENDERS = 2;
    private static final int MAX_STREAM_RECORD_BYTES = 1024 * 1024 - 1024;

    private final IngestionClient ingestion;
    private final AdEventProducer producer;
    private final ExecutorService httpSenders = Executors.newFixedThreadPool(HTTP_SENDERS, runnable -> {
        Thread thread = new Thread(runnable, "simulator-http");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Future<IngestionClient.Result>> inFlight = new ArrayList<>();
    private final List<CompletableFuture<WriteOutcome>> produced = new ArrayList<>();
    private List<byte[]> batch = new ArrayList<>();
    // Counted by the one thread that sends.
    private long viaHttp;
    private long viaProducer;
    private long rejectedByIngestion;
    private long tooLargeForStream;

    TrafficSender(LocalStack stack) {
        this.ingestion = new IngestionClient(stack.ingestionUri());
        this.producer = new AdEventProducer(streamWriter(stack), ProducerSettings.defaults(),
                new SimpleMeterRegistry());
    }

    private static StreamWriter streamWriter(LocalStack stack) {
        if (stack.kafka() != null) {
            return new KafkaStreamWriter(stack.kafka().bootstrapServers(), LocalStack.EVENTS_STREAM);
        }
        return new KinesisStreamWriter(stack.kinesis().newClient(), LocalStack.EVENTS_STREAM, RetryPolicy.defaults());
    }

    /** Queues one delivery on its route; HTTP batches go out when full. */
    void send(Delivery delivery) throws InterruptedException {
        requireNonNull(delivery, "delivery is null");
        if (delivery.payload().length > MAX_STREAM_RECORD_BYTES) {
            // No stream takes it (1 MiB a record on Kinesis and Kafka): only ingestion can turn it into a letter.
            if (!batch.isEmpty()) {
                postBatch();
            }
            batch.add(delivery.payload());
            postBatch();
            tooLargeForStream++;
            return;
        }
        if (!delivery.isValid() || delivery.sequence() % PRODUCER_SHARE == 0 || hasLineBreak(delivery.payload())) {
            produced.add(producer.send(delivery.partitionKey(), delivery.payload()));
            viaProducer++;
            if (produced.size() >= ProducerSettings.QUEUE_CAPACITY_DEFAULT) {
                awaitProduced();
            }
            return;
        }
        batch.add(delivery.payload());
        if (batch.size() == IngestionClient.MAX_BATCH_RECORDS) {
            postBatch();
        }
    }

    private void postBatch() throws InterruptedException {
        List<byte[]> records = batch;
        batch = new ArrayList<>();
        viaHttp += records.size();
        inFlight.add(httpSenders.submit(() -> ingestion.send(records)));
        if (inFlight.size() > HTTP_SENDERS * 2) {
            awaitHttp(inFlight.size() - HTTP_SENDERS);
        }
    }

    /**
     * Sends what is queued and waits until every record sent so far is on the stream.
     *
     * @throws IllegalStateException if a record could not be delivered
     */
    void flush() throws InterruptedException {
        if (!batch.isEmpty()) {
            postBatch();
        }
        awaitHttp(inFlight.size());
        producer.flush();
        awaitProduced();
    }

    private void awaitHttp(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            try {
                IngestionClient.Result result = inFlight.remove(0).get();
                rejectedByIngestion += result.rejected();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Sending through ingestion failed: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }

    private void awaitProduced() throws InterruptedException {
        for (CompletableFuture<WriteOutcome> outcome : produced) {
            try {
                WriteOutcome written = outcome.get();
                if (!written.written()) {
                    throw new IllegalStateException("The producer library could not write a record: "
                            + written.error());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("The producer library failed", e.getCause());
            }
        }
        produced.clear();
    }

    private static boolean hasLineBreak(byte[] payload) {
        for (byte b : payload) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    long viaHttp() {
        return viaHttp;
    }

    long viaProducer() {
        return viaProducer;
    }

    /** Records the ingestion endpoint rejected (and dead-lettered): they never reach the stream. */
    long rejectedByIngestion() {
        return rejectedByIngestion;
    }

    /** Records sent to ingestion because no stream takes them: the only ones it should reject. */
    long tooLargeForStream() {
        return tooLargeForStream;
    }

    @Override
    public void close() throws InterruptedException {
        httpSenders.shutdownNow();
        // Closed even when the sending thread was interrupted (a stop): a stream client left open keeps retrying.
        boolean interrupted = Thread.interrupted();
        try {
            producer.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
