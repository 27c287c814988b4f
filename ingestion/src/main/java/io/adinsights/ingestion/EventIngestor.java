package io.adinsights.ingestion;

import static java.util.Objects.requireNonNull;

import io.adinsights.ingestion.stream.StreamRecord;
import io.adinsights.ingestion.stream.StreamWriter;
import io.adinsights.ingestion.stream.WriteOutcome;
import io.adinsights.schemas.event.DeadLetter;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.parse.ParseResult;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.rules.DedupKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core of ingestion, shared by the Lambda handler and the local server: validates each record against the
 * contract, puts the valid ones on the stream as they were sent (partitioned by eventId), and sends the invalid ones
 * to the dead-letter stream with their reason. Every record gets a result; nothing valid is dropped.
 */
public final class EventIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(EventIngestor.class);

    private final EventParser parser;
    private final StreamWriter events;
    private final StreamWriter deadLetters;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer streamWrites;

    public EventIngestor(EventParser parser, StreamWriter events, StreamWriter deadLetters, Clock clock,
            MeterRegistry meters) {
        this.parser = requireNonNull(parser, "parser is null");
        this.events = requireNonNull(events, "events is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.streamWrites = Timer.builder("ingestion.stream.write").description("one write of a request's events")
                .publishPercentileHistogram().register(meters);
    }

    /**
     * @param records the records of one request, each as sent
     * @param origin  where the request came from (e.g. {@code http:203.0.113.7 request 9f2c}), kept in dead letters
     */
    public IngestResult ingest(List<RawRecord> records, String origin) {
        requireNonNull(records, "records is null");
        requireNonNull(origin, "origin is null");
        Instant receivedAt = clock.instant();
        RecordResult[] results = new RecordResult[records.size()];
        List<Integer> validIndexes = new ArrayList<>();
        List<StreamRecord> valid = new ArrayList<>();
        List<StreamRecord> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RawRecord record = records.get(i);
            ParseResult parsed = parser.parse(record, receivedAt);
            if (parsed instanceof ParseResult.Valid ok) {
                validIndexes.add(i);
                valid.add(new StreamRecord(DedupKey.of(ok.event()), record.bytes()));
            } else {
                ParseResult.Invalid invalid = (ParseResult.Invalid) parsed;
                results[i] = new RecordResult(i, RecordResult.Status.REJECTED, null, invalid.rejection(), null);
                String recordOrigin = origin + "#" + i;
                DeadLetter letter = new DeadLetter(record.bytes(), invalid.rejection(), recordOrigin, receivedAt);
                rejected.add(new StreamRecord(recordOrigin, EventJson.toJson(letter)));
                meters.counter("ingestion.records", "outcome", "rejected").increment();
                meters.counter("ingestion.rejected", "reason", invalid.rejection().reason().code()).increment();
            }
        }
        List<WriteOutcome> outcomes = valid.isEmpty() ? List.of() : streamWrites.record(() -> events.write(valid));
        for (int j = 0; j < outcomes.size(); j++) {
            int index = validIndexes.get(j);
            WriteOutcome outcome = outcomes.get(j);
            RecordResult.Status status = outcome.written() ? RecordResult.Status.ACCEPTED : RecordResult.Status.FAILED;
            results[index] = new RecordResult(index, status, valid.get(j).partitionKey(), null,
                    outcome.written() ? outcome.location() : outcome.error());
            meters.counter("ingestion.records", "outcome", status.name().toLowerCase(Locale.ROOT))
                    .increment();
        }
        writeDeadLetters(rejected);
        return new IngestResult(List.of(results));
    }

    /** Rejected records are answered to the sender in any case; the dead-letter stream is the operators' copy. */
    private void writeDeadLetters(List<StreamRecord> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        List<WriteOutcome> outcomes = deadLetters.write(rejected);
        long lost = outcomes.stream().filter(outcome -> !outcome.written()).count();
        if (lost > 0) {
            meters.counter("ingestion.dead_letters.unwritten").increment(lost);
            LOG.error("{} of {} dead letters could not be written to {}; their senders were told the reasons",
                    lost, rejected.size(), deadLetters.destination());
        }
    }
}
