package io.adinsights.speed.types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.types.StringValue;

/**
 * Reads a string written by {@link StringValue#writeString}, the same bytes, so that state and savepoints written
 * before read the same. Why not {@link StringValue#readString}: it looks up a thread-local buffer on every call, and
 * with the many thread locals of a Flink task thread that look-up missed its slot and searched the table: a seventh of
 * the dedup task's time, which reads three or four strings per event. Ids are ASCII, so the characters are read as
 * bytes into the string's own Latin-1 form, and only a string with another character is read as chars.
 */
public final class StringReads {

    private static final int HIGH_BIT = 0x80;

    private StringReads() {
    }

    /** The string, or null where {@code writeString} wrote null. */
    public static String read(DataInputView in) throws IOException {
        int lengthPlusOne = readVarInt(in, in.readUnsignedByte());
        if (lengthPlusOne == 0) {
            return null;
        }
        int length = lengthPlusOne - 1;
        byte[] latin1 = new byte[length];
        for (int i = 0; i < length; i++) {
            int c = in.readUnsignedByte();
            if (c >= HIGH_BIT) {
                return readChars(in, latin1, i, readVarInt(in, c), length);
            }
            latin1[i] = (byte) c;
        }
        return new String(latin1, StandardCharsets.ISO_8859_1);
    }

    /** The rest of a string from its first character past ASCII ({@code c}, at {@code from}) on. */
    private static String readChars(DataInputView in, byte[] ascii, int from, int c, int length) throws IOException {
        char[] chars = new char[length];
        for (int i = 0; i < from; i++) {
            chars[i] = (char) ascii[i];
        }
        chars[from] = (char) c;
        for (int i = from + 1; i < length; i++) {
            chars[i] = (char) readVarInt(in, in.readUnsignedByte());
        }
        return new String(chars);
    }

    /** A number in 7-bit groups, low group first, whose first byte is {@code first}. */
    private static int readVarInt(DataInputView in, int first) throws IOException {
        if (first < HIGH_BIT) {
            return first;
        }
        int value = first & 0x7F;
        int shift = 7;
        int next;
        while ((next = in.readUnsignedByte()) >= HIGH_BIT) {
            value |= (next & 0x7F) << shift;
            shift += 7;
        }
        return value | next << shift;
    }
}
