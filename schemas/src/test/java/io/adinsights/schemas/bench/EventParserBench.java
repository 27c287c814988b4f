package io.adinsights.schemas.bench;

import io.adinsights.schemas.parse.EventCorpus;
import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.parse.ParseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Rough single-thread cost of {@link EventParser#parse} (fast path first) against the schema path alone, in
 * µs/record, on ~1M generated records: valid ones, invalid ones, and a mix of 95% valid. Not a test; run by hand:
 * {@code java -cp <test classpath> io.adinsights.schemas.bench.EventParserBench [records]}.
 */
public final class EventParserBench {

    private static final int DISTINCT_RECORDS = 100_000;
    private static final double INVALID_SHARE = 0.05;

    private EventParserBench() {
    }

    /** A way to parse one record, so both paths run through the same loop. */
    private interface Mode {
        ParseResult parse(EventParser parser, byte[] record, Instant ingestTime);
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        EventParser parser = EventParser.create();
        List<byte[]> valid = EventCorpus.randomValid(42, DISTINCT_RECORDS);
        List<byte[]> invalid = EventCorpus.invalidSamples();
        List<byte[]> mix = new ArrayList<>(valid);
        for (int i = 0; i < DISTINCT_RECORDS * INVALID_SHARE; i++) {
            mix.set(i, invalid.get(i % invalid.size()));
        }
        Collections.shuffle(mix, new Random(7));
        Mode fast = EventParser::parse;
        Mode schemaOnly = EventCorpus::parseWithSchemaOnly;

        // Warm up both paths on all three sets before timing anything.
        for (List<byte[]> set : List.of(valid, invalid, mix)) {
            run(parser, fast, set, records / 5);
            run(parser, schemaOnly, set, records / 5);
        }
        System.out.printf(Locale.ROOT, "%,d records each; %,d distinct valid, %,d distinct invalid%n", records,
                valid.size(), invalid.size());
        System.out.printf(Locale.ROOT, "%-12s %12s %12s%n", "µs/record", "parse", "schema only");
        for (String name : List.of("valid", "invalid", "mix 95/5")) {
            List<byte[]> set = "valid".equals(name) ? valid : "invalid".equals(name) ? invalid : mix;
            System.out.printf(Locale.ROOT, "%-12s %12.3f %12.3f%n", name, run(parser, fast, set, records),
                    run(parser, schemaOnly, set, records));
        }
    }

    /** µs per record over {@code count} parses cycling through the set. */
    private static double run(EventParser parser, Mode mode, List<byte[]> set, int count) {
        Instant ingest = EventCorpus.INGEST;
        int validCount = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (mode.parse(parser, set.get(i % set.size()), ingest) instanceof ParseResult.Valid) {
                validCount++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (validCount < 0) {
            System.out.println("unreachable, keeps the results alive");
        }
        return elapsed / 1_000.0 / count;
    }
}
