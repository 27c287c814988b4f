package io.adinsights.speed.parse;

import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.parse.ParseResult;
import java.time.Instant;
import java.util.function.Supplier;

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

    /**
     * @param origin where the record came from, asked for only when it is a dead letter: nothing reads the origin of
     *     a valid event, and building it for every record was a twelfth of the source's time
     */
    public IngestedRecord ingest(byte[] bytes, Supplier<String> origin, long arrivalTime) {
        byte[] raw = bytes == null ? NO_BYTES : bytes;
        ParseResult result = parser.parse(raw, Instant.ofEpochMilli(arrivalTime));
        if (result instanceof ParseResult.Valid valid) {
            return IngestedRecord.valid(raw, arrivalTime, ParsedEvent.of(valid.event()));
        }
        ParseResult.Invalid invalid = (ParseResult.Invalid) result;
        return IngestedRecord.rejected(raw, origin.get(), arrivalTime, invalid.rejection().reason().code(),
                invalid.rejection().message());
    }
}
