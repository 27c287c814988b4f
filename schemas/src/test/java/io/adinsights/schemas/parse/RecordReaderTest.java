package io.adinsights.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    private static final String A = "{\"eventId\":\"a\",\"note\":\"braces } { and \\\"quotes\\\" inside\"}";
    private static final String B = "{\"eventId\":\"b\",\"nested\":{\"list\":[1,{\"x\":2}]}}";
    private static final String C = "{\"eventId\":\"c\"}";

    @Test
    void cutsNewlineDelimitedRecords() throws IOException {
        assertThat(texts(read(A + "\n" + B + "\r\n" + C + "\n"))).containsExactly(A, B, C);
    }

    @Test
    void cutsObjectsConcatenatedWithNoDelimiter() throws IOException {
        assertThat(texts(read(A + B + C))).containsExactly(A, B, C);
    }

    @Test
    void cutsAMixOfDelimitersAndKeepsPositions() throws IOException {
        List<RawRecord> records = read("  " + A + B + "\n\n" + C);

        assertThat(texts(records)).containsExactly(A, B, C);
        assertThat(records).extracting(RawRecord::ordinal).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(RawRecord::offset)
                .containsExactly(2L, 2L + A.length(), 4L + A.length() + B.length());
    }

    @Test
    void readsGzipAndMultiMemberGzip() throws IOException {
        byte[] twoMembers = concat(gzip(A + B), gzip("\n" + C + "\n"));

        assertThat(texts(read(gzip(A + "\n" + B)))).containsExactly(A, B);
        assertThat(texts(read(twoMembers))).containsExactly(A, B, C);
    }

    @Test
    void reportsACorruptGzipAfterTheRecordsBeforeIt() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            many.append("{\"eventId\":\"").append(i).append("\",\"pad\":\"").append(i * 7919L).append("\"}\n");
        }
        byte[] whole = gzip(many.toString());
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);

        List<RawRecord> records = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(cut))) {
            assertThatThrownBy(() -> {
                for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                    records.add(r);
                }
            }).isInstanceOf(RecordReader.CorruptInputException.class).hasMessageContaining("cut short");
        }
        assertThat(records).isNotEmpty().hasSizeLessThan(5_000);
        assertThat(records).allSatisfy(r -> assertThat(r.truncated()).isFalse());
    }

    @Test
    void flagsAnObjectCutShortAtTheEndOfTheInput() throws IOException {
        List<RawRecord> records = read(A + "\n{\"eventId\":\"x\",\"eventTy");

        assertThat(records).hasSize(2);
        assertThat(records.get(0).truncated()).isFalse();
        assertThat(records.get(1).truncated()).isTrue();
        assertThat(text(records.get(1))).isEqualTo("{\"eventId\":\"x\",\"eventTy");
    }

    @Test
    void aBrokenLineNeverSwallowsTheLinesAfterIt() throws IOException {
        List<RawRecord> records = read("{\"eventId\":\"x\",\"eventTy\n" + A + "\n{\"open\":[1,2\n" + C);

        assertThat(texts(records)).containsExactly("{\"eventId\":\"x\",\"eventTy", A, "{\"open\":[1,2", C);
        assertThat(records).extracting(RawRecord::truncated).containsExactly(true, false, true, false);
    }

    @Test
    void readsTheLinesAfterARecordCutShortAsRecordsOfTheirOwn() throws IOException {
        List<RawRecord> records = read("{\"eventId\":\"e1\",\"eventType\":\"click\",\r\n\"just a string\"\n42\n"
                + "{\"open\":\n" + C + "\n{\"pretty\": [1,\n  2],\n \"x\": {\"y\": 3}\n}\n{\"last\":");

        assertThat(texts(records)).containsExactly("{\"eventId\":\"e1\",\"eventType\":\"click\",",
                "\"just a string\"", "42", "{\"open\":", C, "{\"pretty\": [1,\n  2],\n \"x\": {\"y\": 3}\n}",
                "{\"last\":");
        assertThat(records).extracting(RawRecord::truncated)
                .containsExactly(true, false, false, true, false, false, true);
        assertThat(records).extracting(RawRecord::offset).containsExactly(0L, 38L, 54L, 57L, 66L, 82L, 120L);
    }

    @Test
    void reportsGarbageBetweenRecordsAsRecordsOfTheirOwn() throws IOException {
        List<RawRecord> records = read("oops\n" + A + "xyz" + B + "\n[1,{\"a\":2}]\n\"a { string\"\n42");

        assertThat(texts(records)).containsExactly("oops", A, "xyz", B, "[1,{\"a\":2}]", "\"a { string\"", "42");
    }

    @Test
    void keepsOnlyTheBeginningOfAnOversizedRecordAndGoesOn() throws IOException {
        String big = "{\"eventId\":\"big\",\"pad\":\"" + "p".repeat(1_000) + "\"}";
        List<RawRecord> records;
        try (RecordReader reader = RecordReader.open(stream(big + "\n" + C), 100)) {
            records = drain(reader);
        }

        assertThat(records).hasSize(2);
        assertThat(records.get(0).oversized()).isTrue();
        assertThat(records.get(0).bytes()).hasSize(100);
        assertThat(text(records.get(1))).isEqualTo(C);
    }

    @Test
    void skipsAByteOrderMarkAtTheStart() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(texts(read(concat(bom, bytes(A))))).containsExactly(A);
    }

    @Test
    void streamsManyRecordsInConstantMemory() throws IOException {
        int count = 300_000;
        long seen = 0;
        try (RecordReader reader = RecordReader.open(new GeneratedRecords(count))) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                assertThat(r.truncated()).isFalse();
                seen++;
            }
        }
        assertThat(seen).isEqualTo(count);
    }

    @Test
    void cutsTheSameRecordsWhetherTheInputComesInOneBlockOrByteByByte() throws IOException {
        // Records are mostly copied a buffer at a time; input handed over one byte per read takes the byte-wise
        // path only, which must cut exactly the same records from messy input, at every size limit.
        String[] pieces = {A, B, C, "\n", "\r\n", " ", "{\"cut\":\"short", "{\"x\":[1,", "\"str{ing\"", "garbage",
            "]", "}", "{", "[", "\\", "\"", "{\"k\":\"\\\"}\"}", "\n{\"a\":\n{\"b\":1}}", "\u00fc"};
        SplittableRandom random = new SplittableRandom(7);
        for (int input = 0; input < 400; input++) {
            StringBuilder text = new StringBuilder();
            for (int piece = random.nextInt(1, 40); piece > 0; piece--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = bytes(text.toString());
            for (int limit : new int[] {1, 7, 40, RecordReader.MAX_RECORD_BYTES_DEFAULT}) {
                assertThat(describe(drain(RecordReader.open(new OneByteAtATime(bytes), limit))))
                        .as("input %s, limit %d", text, limit)
                        .isEqualTo(describe(drain(RecordReader.open(new ByteArrayInputStream(bytes), limit))));
            }
        }
    }

    /** Hands out one byte per read, whatever the caller asks for. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int position;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            int b = read();
            if (b < 0) {
                return -1;
            }
            target[offset] = (byte) b;
            return 1;
        }
    }

    private static List<String> describe(List<RawRecord> records) {
        return records.stream().map(r -> r.ordinal() + "@" + r.offset() + (r.truncated() ? " truncated" : "")
                + (r.oversized() ? " oversized" : "") + ": " + text(r)).toList();
    }

    /** An input stream of {@code count} concatenated records made on the fly, never held in memory. */
    private static final class GeneratedRecords extends InputStream {
        private final int count;
        private int made;
        private byte[] current = new byte[0];
        private int position;

        GeneratedRecords(int count) {
            this.count = count;
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (made == count) {
                    return -1;
                }
                current = bytes("{\"eventId\":\"" + made++ + "\",\"eventType\":\"impression\"}");
                position = 0;
            }
            return current[position++] & 0xFF;
        }
    }

    private static List<RawRecord> read(String input) throws IOException {
        return read(bytes(input));
    }

    private static List<RawRecord> read(byte[] input) throws IOException {
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(input))) {
            return drain(reader);
        }
    }

    private static List<RawRecord> drain(RecordReader reader) throws IOException {
        List<RawRecord> records = new ArrayList<>();
        for (RawRecord r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }

    private static List<String> texts(List<RawRecord> records) {
        return records.stream().map(RecordReaderTest::text).toList();
    }

    private static String text(RawRecord record) {
        return new String(record.bytes(), StandardCharsets.UTF_8);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
