package io.adinsights.ingestion.request;

/**
 * What one ingestion request may carry. The defaults follow Kinesis PutRecords (500 records, 5 MiB), so one request
 * is at most one stream write, and stay under API Gateway's and Lambda's payload limits.
 *
 * @param maxBodyBytes the largest request body accepted
 * @param maxRecords   the most records in one request
 */
public record IngestionLimits(int maxBodyBytes, int maxRecords) {

    public static final int MAX_BODY_BYTES_DEFAULT = 5 * 1024 * 1024;
    public static final int MAX_RECORDS_DEFAULT = 500;

    public IngestionLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("Invalid maxBodyBytes: " + maxBodyBytes + " (must be >= 1)");
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("Invalid maxRecords: " + maxRecords + " (must be >= 1)");
        }
    }

    public static IngestionLimits defaults() {
        return new IngestionLimits(MAX_BODY_BYTES_DEFAULT, MAX_RECORDS_DEFAULT);
    }
}
