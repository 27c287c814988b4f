package io.adinsights.batch.compaction;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.Platform;

/**
 * Rows in Spark's binary format, packed back to back in arrays of about 1 MiB: what the parse checkpoint holds.
 *
 * <p>Why: with an object of its own per row, the checkpoint was millions of small objects that live until the run
 * ends, and the garbage collector copied them out of the young generation one by one: in the benchmark's parse step
 * (5 M events) 2.3 s of pauses and 3.7 s of its CPU. A few thousand arrays hold the same bytes and are copied at
 * memory speed (0.4–0.7 s of pauses). Just under 1 MiB, G1's smallest region: a larger array can be a "humongous"
 * object spanning two regions, the second mostly wasted, and arrays of 4 MiB in 4 MiB regions doubled the
 * checkpoint's memory and started a concurrent collection at nearly every allocation. Spark's size estimate of a
 * block of them is exact: the two arrays.
 */
final class PackedRows implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The bytes an array is made for, leaving room for its header in a 1 MiB region; a larger row gets its own. */
    static final int TARGET_BYTES = (1 << 20) - 64;
    /** Rows of a typical size that an array is made for. */
    private static final int INITIAL_ROWS = TARGET_BYTES / 256;

    private final int fields;
    private byte[] bytes;
    /** Where each row ends in {@link #bytes}; the first starts at 0. */
    private int[] ends;
    private int rows;
    private int size;

    PackedRows(int fields, int capacityBytes) {
        this.fields = fields;
        this.bytes = new byte[capacityBytes];
        this.ends = new int[INITIAL_ROWS];
    }

    /** Copies the row in when it fits, or when there is no row yet (a room of its own for a large row). */
    boolean add(UnsafeRow row) {
        int length = row.getSizeInBytes();
        if (size + length > bytes.length) {
            if (rows > 0) {
                return false;
            }
            bytes = new byte[length];
        }
        if (rows == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        Platform.copyMemory(row.getBaseObject(), row.getBaseOffset(), bytes, Platform.BYTE_ARRAY_OFFSET + size,
                length);
        size += length;
        ends[rows++] = size;
        return true;
    }

    int rowCount() {
        return rows;
    }

    /** These rows in arrays of their exact size: the last arrays of a task are rarely full. */
    PackedRows trimmed() {
        bytes = Arrays.copyOf(bytes, size);
        ends = Arrays.copyOf(ends, rows);
        return this;
    }

    /** The rows, through one row object that points at each in turn: valid until the next call to next(). */
    Iterator<InternalRow> rows() {
        UnsafeRow row = new UnsafeRow(fields);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows;
            }

            @Override
            public InternalRow next() {
                if (next >= rows) {
                    throw new NoSuchElementException();
                }
                int start = next == 0 ? 0 : ends[next - 1];
                row.pointTo(bytes, Platform.BYTE_ARRAY_OFFSET + start, ends[next] - start);
                next++;
                return row;
            }
        };
    }
}
