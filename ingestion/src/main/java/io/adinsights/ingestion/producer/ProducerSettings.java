package io.adinsights.ingestion.producer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the producer batches.
 *
 * @param maxBatchRecords the most records in one stream write (PutRecords takes 500)
 * @param linger          how long a batch may wait for more records before it is written
 * @param queueCapacity   records waiting to be written before {@code send} blocks the caller (back-pressure)
 */
public record ProducerSettings(int maxBatchRecords, Duration linger, int queueCapacity) {

    public static final int MAX_BATCH_RECORDS_DEFAULT = 500;
    public static final Duration LINGER_DEFAULT = Duration.ofMillis(20);
    public static final int QUEUE_CAPACITY_DEFAULT = 20_000;

    public ProducerSettings {
        requireNonNull(linger, "linger is null");
        if (maxBatchRecords < 1) {
            throw new IllegalArgumentException("Invalid maxBatchRecords: " + maxBatchRecords + " (must be >= 1)");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("Invalid linger: " + linger + " (must be >= 0)");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("Invalid queueCapacity: " + queueCapacity + " (must be >= 1)");
        }
    }

    public static ProducerSettings defaults() {
        return new ProducerSettings(MAX_BATCH_RECORDS_DEFAULT, LINGER_DEFAULT, QUEUE_CAPACITY_DEFAULT);
    }
}
