package io.adinsights.ingestion.request;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.parse.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cuts an ingestion request body into records, keeping each record's bytes exactly as sent (an oversized record
 * keeps only its beginning and is flagged, so it is rejected as too large): a JSON array of events,
 * newline-delimited JSON, or a single object. Whether each record is a valid event is decided later, record by
 * record; only a body that cannot be cut at all is refused as a whole.
 */
public final class RequestBody {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RequestBody() {
    }

    /** The outcome of cutting a body: its records, or why it cannot be read. */
    public sealed interface Split {
        /** The records of the body, in order. */
        record Records(List<RawRecord> records) implements Split {
            public Records {
                records = List.copyOf(records);
            }
        }

        /** The body as a whole is not acceptable; nothing of it is ingested. */
        record Refused(Problem problem, String detail) implements Split {
            public Refused {
                requireNonNull(problem, "problem is null");
                requireNonNull(detail, "detail is null");
            }
        }
    }

    /** Why a whole body is refused. */
    public enum Problem {
        EMPTY_BODY,
        BODY_TOO_LARGE,
        TOO_MANY_RECORDS,
        MALFORMED_ARRAY
    }

    public static Split split(byte[] body, IngestionLimits limits) {
        requireNonNull(body, "body is null");
        requireNonNull(limits, "limits is null");
        if (body.length > limits.maxBodyBytes()) {
            return new Split.Refused(Problem.BODY_TOO_LARGE, "the body has " + body.length
                    + " bytes, more than the limit of " + limits.maxBodyBytes());
        }
        int first = firstNonWhiteSpace(body);
        if (first < 0) {
            return new Split.Refused(Problem.EMPTY_BODY, "the body is empty: send one event, a JSON array of events"
                    + " or newline-delimited events");
        }
        List<RawRecord> records = new ArrayList<>();
        Split.Refused refused = body[first] == '['
                ? splitArray(body, limits, records)
                : splitLines(body, limits, records);
        return refused != null ? refused : new Split.Records(records);
    }

    private static Split.Refused splitArray(byte[] body, IngestionLimits limits, List<RawRecord> records) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    return new Split.Refused(Problem.MALFORMED_ARRAY, "the JSON array is not closed");
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                // Strings are read lazily: finish the token so the location is past its closing quote.
                parser.finishToken();
                int end = (int) parser.currentLocation().getByteOffset();
                if (records.size() == limits.maxRecords()) {
                    return tooMany(limits);
                }
                records.add(new RawRecord(Arrays.copyOfRange(body, start, end), records.size(), start, false, false));
            }
            if (parser.nextToken() != null) {
                return new Split.Refused(Problem.MALFORMED_ARRAY, "there is content after the JSON array");
            }
            return null;
        } catch (JacksonException e) {
            return new Split.Refused(Problem.MALFORMED_ARRAY, "the body starts a JSON array but is not one: "
                    + e.getOriginalMessage());
        }
    }

    private static Split.Refused splitLines(byte[] body, IngestionLimits limits, List<RawRecord> records) {
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(body))) {
            for (RawRecord record = reader.next(); record != null; record = reader.next()) {
                if (records.size() == limits.maxRecords()) {
                    return tooMany(limits);
                }
                records.add(record);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading an in-memory body failed", e);
        }
    }

    private static Split.Refused tooMany(IngestionLimits limits) {
        return new Split.Refused(Problem.TOO_MANY_RECORDS, "the body has more than " + limits.maxRecords()
                + " records; send them in several requests");
    }

    private static int firstNonWhiteSpace(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return i;
            }
        }
        return -1;
    }
}
