package io.adinsights.ingestion.producer;

import static java.util.Objects.requireNonNull;

import io.adinsights.ingestion.stream.StreamRecord;
import io.adinsights.ingestion.stream.StreamWriter;
import io.adinsights.ingestion.stream.WriteOutcome;
import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.schemas.rules.DedupKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The producer library for retailer backends: {@code send} queues a record and returns at once with a future of its
 * outcome; a background thread writes batches of up to 500 records (the stream writer retries throttled or failed
 * records, and only those). When the queue is full, {@code send} blocks: back-pressure instead of unbounded memory.
 * Metrics: {@code producer.records} by outcome, {@code producer.batch.write} and {@code producer.queue.size}.
 */
public final class AdEventProducer implements AutoCloseable {

    private static final StreamRecord POISON = new StreamRecord("-", new byte[0]);

    private final StreamWriter writer;
    private final ProducerSettings settings;
    private final BlockingQueue<Pending> queue;
    private final Thread sender;
    private final Object progress = new Object();
    private final Counter written;
    private final Counter failed;
    private final Timer batchWrites;
    private long unfinished;
    private volatile boolean closed;

    public AdEventProducer(StreamWriter writer, ProducerSettings settings, MeterRegistry meters) {
        this.writer = requireNonNull(writer, "writer is null");
        this.settings = requireNonNull(settings, "settings is null");
        requireNonNull(meters, "meters is null");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.written = meters.counter("producer.records", "outcome", "written");
        this.failed = meters.counter("producer.records", "outcome", "failed");
        this.batchWrites = Timer.builder("producer.batch.write").publishPercentileHistogram().register(meters);
        meters.gauge("producer.queue.size", queue, BlockingQueue::size);
        this.sender = new Thread(this::sendLoop, "ad-event-producer");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues an event in its canonical JSON, partitioned by eventId. */
    public CompletableFuture<WriteOutcome> send(AdEvent event) {
        requireNonNull(event, "event is null");
        return send(DedupKey.of(event), EventJson.toJson(event));
    }

    /**
     * Queues a record as it is; blocks while the queue is full.
     *
     * @throws IllegalStateException if the producer is closed
     */
    public CompletableFuture<WriteOutcome> send(String partitionKey, byte[] payload) {
        if (closed) {
            throw new IllegalStateException("The producer is closed");
        }
        Pending pending = new Pending(new StreamRecord(partitionKey, payload), new CompletableFuture<>());
        synchronized (progress) {
            unfinished++;
        }
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(pending, WriteOutcome.failed("interrupted while waiting for room in the queue"));
        }
        return pending.outcome();
    }

    /** Waits until every record sent so far is written or has failed. */
    public void flush() throws InterruptedException {
        synchronized (progress) {
            while (unfinished > 0) {
                progress.wait();
            }
        }
    }

    private void sendLoop() {
        List<Pending> batch = new ArrayList<>(settings.maxBatchRecords());
        while (true) {
            try {
                Pending first = queue.take();
                if (first.record() == POISON) {
                    return;
                }
                batch.add(first);
                long deadline = System.nanoTime() + settings.linger().toNanos();
                boolean stop = false;
                while (batch.size() < settings.maxBatchRecords() && !stop) {
                    Pending next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    if (next.record() == POISON) {
                        stop = true;
                    } else {
                        batch.add(next);
                    }
                }
                writeBatch(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                batch.forEach(p -> finish(p, WriteOutcome.failed("the producer was interrupted")));
                return;
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        List<StreamRecord> records = batch.stream().map(Pending::record).toList();
        List<WriteOutcome> outcomes = batchWrites.record(() -> writer.write(records));
        for (int i = 0; i < batch.size(); i++) {
            finish(batch.get(i), outcomes.get(i));
        }
    }

    private void finish(Pending pending, WriteOutcome outcome) {
        (outcome.written() ? written : failed).increment();
        pending.outcome().complete(outcome);
        synchronized (progress) {
            unfinished--;
            progress.notifyAll();
        }
    }

    /** Writes what is queued, then stops; the stream writer is closed too. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        queue.put(new Pending(POISON, new CompletableFuture<>()));
        sender.join();
        // A send racing with close may have queued behind the stop mark: it is answered, not forgotten.
        for (Pending left = queue.poll(); left != null; left = queue.poll()) {
            finish(left, WriteOutcome.failed("the producer was closed"));
        }
        writer.close();
    }

    private record Pending(StreamRecord record, CompletableFuture<WriteOutcome> outcome) {
    }
}
