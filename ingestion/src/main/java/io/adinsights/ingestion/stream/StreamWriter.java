package io.adinsights.ingestion.stream;

import java.util.List;

/**
 * Puts records on the stream (Kinesis on AWS, Kafka locally). Throttled or failed records are retried with backoff;
 * only what still fails after the last attempt is reported as not written. It never throws for a record it could not
 * write: the caller gets one outcome per record, in order, and can answer or retry each one.
 */
public interface StreamWriter extends AutoCloseable {

    /** Writes the records; the outcomes are in the same order as the records. */
    List<WriteOutcome> write(List<StreamRecord> records);

    /** A short description of where this writer writes, for logs and health answers. */
    String destination();

    @Override
    void close();
}
