package io.adinsights.speed.parse;

import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.parse.ParseResult;
import java.time.Instant;

/**
 * Turns one stream record into an {@link IngestedRecord} with the contract's parser. The ingest time is the record's
 * stream arrival time, never the wall clock, so that a replay decides exactly as the first run did.
 */
public final class RecordIngester {

    private static final byte[] NO_BYTES = new byte[0];

    private final EventParser parser;

    public RecordIngester() {
        this.parser = EventParser.create();
    }

    public IngestedRecord ingest(byte[] bytes, String origin, long arrivalTime) {
        byte[] raw = bytes == null ? NO_BYTES : bytes;
        ParseResult result = parser.parse(raw, Instant.ofEpochMilli(arrivalTime));
        if (result instanceof ParseResult.Valid valid) {
            return IngestedRecord.valid(raw, origin, arrivalTime, ParsedEvent.of(valid.event()));
        }
        ParseResult.Invalid invalid = (ParseResult.Invalid) result;
        return IngestedRecord.rejected(raw, origin, arrivalTime, invalid.rejection().reason().code(),
                invalid.rejection().message());
    }
}
