package io.adinsights.ingestion;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.validation.Rejection;

/**
 * What became of one record of a request, like a PutRecords result entry.
 *
 * @param index     the record's 0-based position in the request
 * @param status    accepted (on the stream), rejected (not a valid event; the reason says why), or failed (valid, but
 *                  the stream could not take it: send it again)
 * @param eventId   the event's id when the record is a valid event
 * @param rejection why the record is not a valid event, when rejected
 * @param detail    where the record was written when accepted, the stream's error when failed
 */
public record RecordResult(int index, Status status, String eventId, Rejection rejection, String detail) {

    /** The fate of one record. */
    public enum Status {
        ACCEPTED,
        REJECTED,
        FAILED
    }

    public RecordResult {
        requireNonNull(status, "status is null");
        if (status == Status.REJECTED) {
            requireNonNull(rejection, "rejection is null");
        }
    }
}
