package io.adinsights.speed.parse;

/**
 * One stream record as the source hands it on: the raw bytes and where and when they arrived, and either the parsed
 * event or why it is not one. A Flink POJO (public fields, no-arg constructor) so that it is serialized without Kryo.
 */
public class IngestedRecord {

    /** The record's bytes as received; the raw archive and dead letters keep them whole. */
    public byte[] raw;
    /**
     * Where a dead letter came from, e.g. {@code kafka:ad-events/2/1734} or
     * {@code kinesis:ad-events/shardId-0/4959...}; null for a valid event.
     */
    public String origin;
    /** Stream arrival time in epoch milliseconds: the ingest clock of the contract. */
    public long arrivalTime;
    /** The valid event, or null for a dead letter. */
    public ParsedEvent event;
    /** The rejection code of a dead letter, or null. */
    public String rejectionReason;
    /** The rejection message of a dead letter, or null. */
    public String rejectionMessage;

    public IngestedRecord() {
    }

    public static IngestedRecord valid(byte[] raw, long arrivalTime, ParsedEvent event) {
        IngestedRecord record = new IngestedRecord();
        record.raw = raw;
        record.arrivalTime = arrivalTime;
        record.event = event;
        return record;
    }

    public static IngestedRecord rejected(byte[] raw, String origin, long arrivalTime, String reason, String message) {
        IngestedRecord record = new IngestedRecord();
        record.raw = raw;
        record.origin = origin;
        record.arrivalTime = arrivalTime;
        record.rejectionReason = reason;
        record.rejectionMessage = message;
        return record;
    }

    public boolean isValid() {
        return event != null;
    }
}
