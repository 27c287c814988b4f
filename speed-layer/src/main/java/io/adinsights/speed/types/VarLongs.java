package io.adinsights.speed.types;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Counts in 7-bit groups (LEB128, unsigned): a count below 128 takes one byte instead of eight, which keeps state
 * values that are rewritten on every update small.
 */
public final class VarLongs {

    private VarLongs() {
    }

    public static void write(long value, DataOutputView out) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    public static long read(DataInputView in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < Long.SIZE; shift += 7) {
            byte next = in.readByte();
            value |= (long) (next & 0x7F) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw new IOException("Malformed variable-length long: more than 10 bytes");
    }
}
