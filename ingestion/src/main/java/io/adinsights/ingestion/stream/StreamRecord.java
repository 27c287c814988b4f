package io.adinsights.ingestion.stream;

import static java.util.Objects.requireNonNull;

/**
 * One record to put on the stream.
 *
 * @param partitionKey decides the shard or partition; the eventId, so load spreads evenly and the copies of one
 *                     event stay in order on one shard
 * @param payload      the bytes as the producer sent them
 */
public record StreamRecord(String partitionKey, byte[] payload) {

    public StreamRecord {
        requireNonNull(partitionKey, "partitionKey is null");
        requireNonNull(payload, "payload is null");
        if (partitionKey.isEmpty()) {
            throw new IllegalArgumentException("Invalid partitionKey: empty");
        }
    }
}
