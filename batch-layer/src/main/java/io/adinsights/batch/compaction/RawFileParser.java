package io.adinsights.batch.compaction;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.parse.ParseResult;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.parse.RecordReader;
import io.adinsights.schemas.rules.Granularity;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.ZipException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * Parses whole raw files on the executors, each streamed through {@link RecordReader} and {@link EventParser} in
 * constant memory: one row per record, valid or not, and one {@link ParsedRecord#CORRUPT_FILE} row for a file whose
 * compressed stream is corrupt or cut short (after the rows of the records before the damage). The rows come packed
 * in {@link PackedRows}, for the checkpoint to hold.
 *
 * <p>The ingest time of a record, for the parser's future check, is the end of its file's arrival hour: the raw zone
 * keeps no per-record arrival time, Firehose puts a record in the hour it received it, so the record arrived before
 * the end of that hour. A rerun decides exactly as the first run did.
 */
public final class RawFileParser implements FlatMapFunction<Iterator<Tuple2<String, PortableDataStream>>,
        PackedRows> {

    private static final long serialVersionUID = 1L;

    private final KindCounts counts;

    /** @param counts counts the rows of each kind as they are made */
    public RawFileParser(KindCounts counts) {
        this.counts = requireNonNull(counts, "counts is null");
    }

    @Override
    public Iterator<PackedRows> call(Iterator<Tuple2<String, PortableDataStream>> files) {
        Rows rows = new Rows(files, EventParser.create(), counts);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public PackedRows next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                PackedRows packed = new PackedRows(ParsedRecord.SCHEMA.size(), PackedRows.TARGET_BYTES);
                while (rows.hasNext() && packed.add(rows.peek())) {
                    rows.next();
                }
                return rows.hasNext() ? packed : packed.trimmed();
            }
        };
    }

    /** The ingest time of every record of a file: the end of its arrival hour. */
    public static Instant ingestTime(String file) {
        return RawHours.arrivalHour(file).plus(Granularity.HOUR.length());
    }

    /** Reads one file at a time, one record at a time, as Spark pulls rows; each row is valid until the next. */
    private static final class Rows implements Iterator<UnsafeRow> {
        private final Iterator<Tuple2<String, PortableDataStream>> files;
        private final EventParser parser;
        private final KindCounts counts;
        private final ParsedRecord.Writer rows = new ParsedRecord.Writer();
        private RecordReader reader;
        private String file;
        private UTF8String fileText;
        private Instant ingestTime;
        private long ingestMicros;
        private long records;
        private UnsafeRow next;

        Rows(Iterator<Tuple2<String, PortableDataStream>> files, EventParser parser, KindCounts counts) {
            this.files = files;
            this.parser = parser;
            this.counts = counts;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public UnsafeRow next() {
            UnsafeRow row = peek();
            next = null;
            counts.add(row.getByte(0));
            return row;
        }

        /** The next row, without moving past it. */
        UnsafeRow peek() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next;
        }

        private UnsafeRow advance() {
            try {
                while (true) {
                    if (reader == null) {
                        if (!files.hasNext()) {
                            return null;
                        }
                        UnsafeRow unreadable = open(files.next());
                        if (unreadable != null) {
                            return unreadable;
                        }
                    }
                    try {
                        RawRecord record = reader.next();
                        if (record != null) {
                            records++;
                            return parse(record);
                        }
                        closeReader();
                    } catch (RecordReader.CorruptInputException e) {
                        closeReader();
                        return rows.corruptFile(fileText, records, ingestMicros, e.getMessage());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read raw file " + file, e);
            }
        }

        /** Opens the next file; returns the corrupt-file row when not even its gzip header can be read. */
        private UnsafeRow open(Tuple2<String, PortableDataStream> input) throws IOException {
            file = input._1();
            fileText = UTF8String.fromString(file);
            ingestTime = ingestTime(file);
            ingestMicros = DateTimeUtils.instantToMicros(ingestTime);
            records = 0;
            InputStream stream = input._2().open();
            try {
                reader = RecordReader.open(stream);
                return null;
            } catch (EOFException | ZipException e) {
                stream.close();
                return rows.corruptFile(fileText, 0, ingestMicros, "Compressed input is corrupt: " + e.getMessage());
            }
        }

        private UnsafeRow parse(RawRecord record) {
            ParseResult result = parser.parse(record, ingestTime);
            if (result instanceof ParseResult.Valid valid) {
                return rows.event(fileText, record, ingestMicros, valid.event());
            }
            return rows.deadLetter(fileText, record, ingestMicros, ((ParseResult.Invalid) result).rejection());
        }

        private void closeReader() throws IOException {
            RecordReader closing = reader;
            reader = null;
            closing.close();
        }
    }
}
