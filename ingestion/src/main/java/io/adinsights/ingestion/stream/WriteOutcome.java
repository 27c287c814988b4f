package io.adinsights.ingestion.stream;

import static java.util.Objects.requireNonNull;

/**
 * What became of one record given to a {@link StreamWriter}.
 *
 * @param written  whether the stream has the record
 * @param location where it is (e.g. {@code shardId-000000000001/4962...} or {@code ad-events/2@1734}), if written
 * @param error    why it could not be written after every retry, if not written
 */
public record WriteOutcome(boolean written, String location, String error) {

    public WriteOutcome {
        if (written) {
            requireNonNull(location, "location is null");
        } else {
            requireNonNull(error, "error is null");
        }
    }

    public static WriteOutcome written(String location) {
        return new WriteOutcome(true, location, null);
    }

    public static WriteOutcome failed(String error) {
        return new WriteOutcome(false, null, error);
    }
}
