package io.adinsights.speed.it;

import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.traffic.generator.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The stream a {@link ScenarioRun} sends its scenario through, and where the job's dead letters end up. */
interface ScenarioStream extends AutoCloseable {

    /** How many partitions (shards) the stream has: the final step sends one record to each. */
    int partitions();

    /** Sets the job's source and dead-letter destination to this stream's. */
    SpeedLayerConfig.Builder configure(SpeedLayerConfig.Builder job);

    /** Sends one delivery, partitioned by its partition key (buffered until {@link #flush()}). */
    void send(Delivery delivery);

    /** Sends one record to the given partition (shard), whatever its key. */
    void send(int partition, String key, byte[] payload);

    /** Returns once everything sent so far is stored in the stream. */
    void flush();

    /** The job's dead letters, read until there are {@code expected} of them or the timeout passes. */
    List<Map<String, Object>> deadLetters(int expected, Duration timeout);

    @Override
    void close();
}
