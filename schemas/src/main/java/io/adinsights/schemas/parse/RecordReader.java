package io.adinsights.schemas.parse;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Cuts a raw stream into JSON records, in constant memory: newline-delimited JSON, JSON objects concatenated with
 * no delimiter (how Firehose writes to S3), or a mix, gzip'ed or not (detected from the magic bytes; multi-member
 * gzip is read whole). It only finds record boundaries; {@link EventParser} decides what a record means.
 *
 * <p>Boundaries are found by following brackets outside JSON strings. Bytes between objects that are not white space
 * become a record of their own (up to the next line break or opening bracket), so garbage is reported, not skipped.
 * An opening bracket at the start of a line while an object is still open begins a new record. When an object is cut
 * short that way, or by the end of the input, only its first line is the broken record and the lines after it are
 * read again as records of their own: JSON strings cannot hold a raw line break, and a writer that puts one record
 * on each line never splits a record across lines. That is why the raw zone is written with a line break after
 * every record. Without line breaks (Firehose's default) well-formed records are still cut exactly, but a record
 * cut short runs into the next one.
 */
public final class RecordReader implements Closeable {

    /** Kinesis and Firehose records are at most 1 MiB. */
    public static final int MAX_RECORD_BYTES_DEFAULT = 1024 * 1024;

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final byte[] NOTHING = new byte[0];

    private final InputStream in;
    private final int maxRecordBytes;
    /** The record being read; not a ByteArrayOutputStream, whose every write takes a lock. */
    private final RecordBytes current = new RecordBytes();
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int bufferPosition;
    private int bufferLimit;
    /** Bytes to read again before the input: the later lines of a record cut short, or one unread byte. */
    private byte[] pending = NOTHING;
    private int pendingPosition;
    private long position;
    private long ordinal;
    private int last = '\n';
    private int beforeLast = '\n';

    private RecordReader(InputStream in, int maxRecordBytes) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
    }

    public static RecordReader open(InputStream input) throws IOException {
        return open(input, MAX_RECORD_BYTES_DEFAULT);
    }

    public static RecordReader open(InputStream input, int maxRecordBytes) throws IOException {
        requireNonNull(input, "input is null");
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("Invalid maxRecordBytes: " + maxRecordBytes + " (must be >= 1)");
        }
        BufferedInputStream buffered = new BufferedInputStream(input, BUFFER_BYTES);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        InputStream decoded = first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2
                ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER_BYTES), BUFFER_BYTES)
                : buffered;
        return new RecordReader(decoded, maxRecordBytes);
    }

    /**
     * The next record, or null at the end of the input.
     *
     * @throws CorruptInputException when the compressed stream is corrupt or cut short; records returned before
     *                               stay valid, the rest of the input cannot be read
     */
    public RawRecord next() throws IOException {
        int b = skipWhiteSpace();
        if (b < 0) {
            return null;
        }
        long start = position - 1;
        current.reset();
        return b == '{' || b == '[' ? readStructure(b, start) : readGarbage(b, start);
    }

    /** Reads a JSON object (or a top-level array, which the parser will reject) up to its closing bracket. */
    private RawRecord readStructure(int opening, long start) throws IOException {
        JsonBrackets brackets = new JsonBrackets();
        brackets.accept(opening);
        boolean oversized = append(opening);
        while (brackets.depth() > 0) {
            if (pendingPosition == pending.length && bufferPosition < bufferLimit) {
                scanBuffered(brackets);
                if (brackets.depth() == 0) {
                    break;
                }
            }
            int b = read();
            if (b < 0) {
                return cutShort(start, oversized);
            }
            if ((b == '{' || b == '[') && beforeLast == '\n') {
                unread(new byte[] {(byte) b});
                return cutShort(start, oversized);
            }
            oversized |= append(b);
            brackets.accept(b);
        }
        return emit(start, false, oversized);
    }

    /**
     * Takes the bytes of an open structure straight from the buffer, as {@link #read} and {@link #append} would one
     * by one, and copies them in one go: most of a record's bytes need nothing else. Stops at the structure's end,
     * the end of the buffer, the record size limit, or before an opening bracket at the start of a line, which the
     * byte-wise loop handles.
     */
    private void scanBuffered(JsonBrackets brackets) {
        int from = bufferPosition;
        int end = from + Math.min(bufferLimit - from, maxRecordBytes - current.size());
        int previous = last;
        int i = from;
        while (i < end) {
            int b = buffer[i] & 0xFF;
            if ((b == '{' || b == '[') && previous == '\n') {
                break;
            }
            brackets.accept(b);
            i++;
            previous = b;
            if (brackets.depth() == 0) {
                break;
            }
            if (b != '\n' && brackets.inStringUnescaped()) {
                // Most bytes are inside strings, where only a quote, a backslash or a line break (before which an
                // opening bracket starts a record) means anything: skip to the next of those.
                int stop = i;
                while (stop < end && !isStringStop(buffer[stop])) {
                    stop++;
                }
                if (stop > i) {
                    previous = buffer[stop - 1] & 0xFF;
                    i = stop;
                }
            }
        }
        int taken = i - from;
        if (taken > 0) {
            current.write(buffer, from, taken);
            bufferPosition = i;
            position += taken;
            beforeLast = taken > 1 ? buffer[i - 2] & 0xFF : last;
            last = previous;
        }
    }

    private static boolean isStringStop(byte b) {
        return b == '"' || b == '\\' || b == '\n';
    }

    /** Emits the first line of a record cut short, and reads its later lines again as records of their own. */
    private RawRecord cutShort(long start, boolean oversized) {
        byte[] bytes = current.toByteArray();
        int lineBreak = indexOf(bytes, (byte) '\n');
        if (oversized || lineBreak < 0) {
            return emit(start, true, oversized);
        }
        unread(Arrays.copyOfRange(bytes, lineBreak + 1, bytes.length));
        int lineEnd = lineBreak > 0 && bytes[lineBreak - 1] == '\r' ? lineBreak - 1 : lineBreak;
        current.reset();
        current.write(bytes, 0, lineEnd);
        return emit(start, true, false);
    }

    /** Reads bytes that do not open an object up to the next line break or opening bracket outside quotes. */
    private RawRecord readGarbage(int firstByte, long start) throws IOException {
        JsonBrackets brackets = new JsonBrackets();
        brackets.accept(firstByte);
        boolean oversized = append(firstByte);
        while (true) {
            int b = read();
            if (b < 0 || b == '\n') {
                return emit(start, false, oversized);
            }
            if (!brackets.inString() && (b == '{' || b == '[')) {
                unread(new byte[] {(byte) b});
                return emit(start, false, oversized);
            }
            oversized |= append(b);
            brackets.accept(b);
        }
    }

    private RawRecord emit(long start, boolean truncated, boolean oversized) {
        return new RawRecord(current.toByteArray(), ordinal++, start, truncated, oversized);
    }

    /** Appends a byte unless the record is already at the limit; returns whether the byte was over the limit. */
    private boolean append(int b) {
        if (current.size() >= maxRecordBytes) {
            return true;
        }
        current.write(b);
        return false;
    }

    private int skipWhiteSpace() throws IOException {
        while (true) {
            int b = read();
            boolean byteOrderMark = b == 0xEF || b == 0xBB || b == 0xBF;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && !(byteOrderMark && position <= 3)) {
                return b;
            }
        }
    }

    private int read() throws IOException {
        int b;
        if (pendingPosition < pending.length) {
            b = pending[pendingPosition++] & 0xFF;
        } else {
            b = readDecoded();
        }
        if (b >= 0) {
            position++;
            beforeLast = last;
            last = b;
        }
        return b;
    }

    /** One byte of the input, from a buffer of its own: {@code InputStream.read()} per byte is synchronized. */
    private int readDecoded() throws IOException {
        if (bufferPosition == bufferLimit) {
            try {
                bufferLimit = in.read(buffer, 0, buffer.length);
            } catch (EOFException | ZipException e) {
                throw new CorruptInputException("Compressed input is corrupt or cut short after " + position
                        + " bytes of content: " + e.getMessage(), e);
            }
            bufferPosition = 0;
            if (bufferLimit <= 0) {
                bufferLimit = 0;
                return -1;
            }
        }
        return buffer[bufferPosition++] & 0xFF;
    }

    /** Puts bytes back, to be read before anything not yet read; they follow a line break or open a record. */
    private void unread(byte[] bytes) {
        byte[] rest = Arrays.copyOfRange(pending, pendingPosition, pending.length);
        pending = Arrays.copyOf(bytes, bytes.length + rest.length);
        System.arraycopy(rest, 0, pending, bytes.length, rest.length);
        pendingPosition = 0;
        position -= bytes.length;
        last = '\n';
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A growable byte array, written one byte at a time. */
    private static final class RecordBytes {
        private byte[] bytes = new byte[512];
        private int size;

        void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        void write(byte[] source, int offset, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** The input cannot be read to its end: a corrupt or truncated compressed stream. */
    public static final class CorruptInputException extends IOException {
        private static final long serialVersionUID = 1L;

        public CorruptInputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
