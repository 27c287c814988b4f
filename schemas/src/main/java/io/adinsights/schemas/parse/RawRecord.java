package io.adinsights.schemas.parse;

import static java.util.Objects.requireNonNull;

/**
 * One record cut out of a raw stream or file, not yet parsed.
 *
 * @param bytes     the record's bytes (only the first {@code maxRecordBytes} when {@code oversized})
 * @param ordinal   0-based position of the record in its input
 * @param offset    byte offset of the record's first byte in the (decompressed) input
 * @param truncated the input ended, or the next record began, before this JSON object was complete
 * @param oversized the record was longer than the reader's size limit; {@code bytes} holds its beginning
 */
public record RawRecord(byte[] bytes, long ordinal, long offset, boolean truncated, boolean oversized) {

    public RawRecord {
        requireNonNull(bytes, "bytes is null");
    }

    /** A whole record handed over on its own, e.g. one Kafka or Kinesis record. */
    public static RawRecord of(byte[] bytes) {
        return new RawRecord(bytes, 0, 0, false, false);
    }
}
