package io.adinsights.speed.archive;

import io.adinsights.schemas.rules.RawZoneLayout;
import io.adinsights.speed.parse.IngestedRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * The local raw zone, laid out as Firehose writes it on AWS: every record as received, valid or not, one per line
 * (a line break after every record), gzip, under {@code yyyy/MM/dd/HH/} of the record's arrival time (UTC). Files
 * are committed when a checkpoint completes, so each record is in exactly one visible file.
 */
public final class RawArchive {

    private RawArchive() {
    }

    public static FileSink<IngestedRecord> sink(String directory) {
        return FileSink.forBulkFormat(new Path(directory), new GzipLines())
                .withBucketAssigner(new ArrivalHour())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("raw").withPartSuffix(".gz").build())
                .build();
    }

    /** {@code yyyy/MM/dd/HH} of the arrival time: replays put a record where the first run did. */
    static final class ArrivalHour implements BucketAssigner<IngestedRecord, String> {

        private static final long serialVersionUID = 1L;

        @Override
        public String getBucketId(IngestedRecord record, Context context) {
            return RawZoneLayout.hourPrefix(Instant.ofEpochMilli(record.arrivalTime));
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }

    /** One gzip member per part file, records separated by line breaks. */
    static final class GzipLines implements BulkWriter.Factory<IngestedRecord> {

        private static final long serialVersionUID = 1L;

        @Override
        public BulkWriter<IngestedRecord> create(FSDataOutputStream out) throws IOException {
            GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024, true);
            return new BulkWriter<>() {
                @Override
                public void addElement(IngestedRecord record) throws IOException {
                    gzip.write(record.raw);
                    gzip.write('\n');
                }

                @Override
                public void flush() throws IOException {
                    gzip.flush();
                }

                @Override
                public void finish() throws IOException {
                    // Ends the gzip member but leaves closing the file to the sink.
                    gzip.finish();
                }
            };
        }
    }
}
