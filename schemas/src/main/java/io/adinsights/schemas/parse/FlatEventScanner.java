package io.adinsights.schemas.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first tier of {@link FastEventReader}: reads, byte by byte and without a JSON parser, the shape nearly every
 * record has: one object of contract fields whose values are strings without escapes and small positive integers,
 * plus extra fields made of such strings, integers, booleans, nulls, objects and arrays. Anything else (an escape, a
 * float, a contract field of another type, a repeated name, deep nesting, any JSON it is not sure of) makes it give
 * up, and the Jackson tier reads the record as before. It only collects the fields; the checks of their values stay
 * in {@link FastEventReader}. The record's UTF-8 has been checked before.
 *
 * <p>The extra fields come out as Jackson writes the tree the other tiers build: compact, in record order. For the
 * values taken here that is the record's own text without its whitespace: Jackson escapes only quotes, backslashes
 * and control characters, none of which such strings hold, and writes an integer's digits as they were, except
 * {@code -0}, which is left to Jackson.
 */
final class FlatEventScanner {

    /** The contract's names, indexed by {@link FastEventReader} slot: string slots first, then the two integers. */
    private static final byte[][] NAMES = names("eventId", "eventType", "eventTime", "campaignId", "adId", "clickId",
            "userId", "retailerId", "productId", "placement", "quantity", "schemaVersion");
    static final int STRING_FIELDS = 10;
    static final int QUANTITY = 10;
    static final int SCHEMA_VERSION = 11;
    /** Nine digits always fit an int; longer numbers are left to the Jackson tier. */
    private static final int INT_DIGITS_MAX = 9;
    /** Eighteen digits always fit a long, which Jackson writes back digit for digit. */
    private static final int LONG_DIGITS_MAX = 18;
    private static final int CLOSED = 1;
    private static final int CONTINUES = 0;
    private static final int INVALID = -1;
    /** Far below the parsers' nesting limit: deeper extra values go to the Jackson tier. */
    private static final int EXTRA_DEPTH_MAX = 8;

    final String[] strings = new String[STRING_FIELDS];
    /** The integer fields, 0 when absent (0 itself is never read here: no leading zero, no sign). */
    int quantity;
    int schemaVersion;
    /** The extra fields as one compact JSON object, or null when there were none. */
    String extraFieldsJson;

    private final byte[] bytes;
    private int position;
    private CompactJson extra;
    private List<String> extraNames;

    private FlatEventScanner(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The fields of the record when it has the flat shape, else null. */
    static FlatEventScanner scan(byte[] bytes) {
        FlatEventScanner scanner = new FlatEventScanner(bytes);
        return scanner.object() ? scanner : null;
    }

    private boolean object() {
        skipWhitespace();
        if (!consume('{')) {
            return false;
        }
        int seen = 0;
        skipWhitespace();
        if (consume('}')) {
            return finish();
        }
        while (true) {
            int nameStart = string();
            if (nameStart < 0) {
                return false;
            }
            int nameEnd = position - 1;
            int slot = slotOf(nameStart, nameEnd - nameStart);
            skipWhitespace();
            if (!consume(':')) {
                return false;
            }
            skipWhitespace();
            if (slot >= 0) {
                // A repeated contract field is the schema's to reject.
                if ((seen & (1 << slot)) != 0 || !value(slot)) {
                    return false;
                }
                seen |= 1 << slot;
            } else if (!extraField(nameStart, nameEnd)) {
                return false;
            }
            skipWhitespace();
            if (consume('}')) {
                return finish();
            }
            if (!consume(',')) {
                return false;
            }
            skipWhitespace();
        }
    }

    private boolean finish() {
        if (!atEnd()) {
            return false;
        }
        if (extra != null) {
            extra.append((byte) '}');
            extraFieldsJson = extra.text();
        }
        return true;
    }

    /** Appends {@code "name":value} to the extra object; false on a repeated name or a value not taken here. */
    private boolean extraField(int nameStart, int nameEnd) {
        String name = new String(bytes, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
        if (extra == null) {
            extra = new CompactJson(bytes.length);
            extraNames = new ArrayList<>(4);
            extra.append((byte) '{');
        } else if (extraNames.contains(name)) {
            return false;
        } else {
            extra.append((byte) ',');
        }
        extraNames.add(name);
        extra.appendQuoted(bytes, nameStart, nameEnd);
        extra.append((byte) ':');
        return extraValue(1);
    }

    /** One extra value, appended compact; false when it is not of a shape taken here. */
    private boolean extraValue(int depth) {
        if (position >= bytes.length || depth > EXTRA_DEPTH_MAX) {
            return false;
        }
        byte first = bytes[position];
        if (first == '"') {
            int start = string();
            if (start < 0) {
                return false;
            }
            extra.appendQuoted(bytes, start, position - 1);
            return true;
        }
        if (first == '{') {
            return extraObject(depth);
        }
        if (first == '[') {
            return extraArray(depth);
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return extraInteger();
        }
        return literal("true") || literal("false") || literal("null");
    }

    private boolean extraObject(int depth) {
        if (opensEmpty('{', '}')) {
            return true;
        }
        List<String> names = new ArrayList<>(4);
        while (true) {
            int start = string();
            if (start < 0) {
                return false;
            }
            int end = position - 1;
            String name = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            // A repeated name inside an extra value: the Jackson tier decides what the tree keeps.
            if (names.contains(name)) {
                return false;
            }
            names.add(name);
            extra.appendQuoted(bytes, start, end);
            skipWhitespace();
            if (!consume(':')) {
                return false;
            }
            extra.append((byte) ':');
            skipWhitespace();
            int next = extraValue(depth + 1) ? closesOrContinues('}') : INVALID;
            if (next != CONTINUES) {
                return next == CLOSED;
            }
        }
    }

    private boolean extraArray(int depth) {
        if (opensEmpty('[', ']')) {
            return true;
        }
        while (true) {
            int next = extraValue(depth + 1) ? closesOrContinues(']') : INVALID;
            if (next != CONTINUES) {
                return next == CLOSED;
            }
        }
    }

    /** Copies the opening bracket at the position; true when the bracket closes at once (also copied). */
    private boolean opensEmpty(char open, char close) {
        position++;
        extra.append((byte) open);
        skipWhitespace();
        if (consume(close)) {
            extra.append((byte) close);
            return true;
        }
        return false;
    }

    /** After a member or element: the closing bracket, or a comma and the next one, each copied; else invalid. */
    private int closesOrContinues(char close) {
        skipWhitespace();
        if (consume(close)) {
            extra.append((byte) close);
            return CLOSED;
        }
        if (!consume(',')) {
            return INVALID;
        }
        extra.append((byte) ',');
        skipWhitespace();
        return CONTINUES;
    }

    /** An integer of at most eighteen digits, not -0 and without a leading zero, copied as it is. */
    private boolean extraInteger() {
        int start = position;
        if (bytes[position] == '-') {
            position++;
        }
        int digitsStart = position;
        while (position < bytes.length && bytes[position] >= '0' && bytes[position] <= '9') {
            position++;
        }
        int digits = position - digitsStart;
        if (digits == 0 || digits > LONG_DIGITS_MAX || !endsNumber()) {
            return false;
        }
        boolean leadingZero = bytes[digitsStart] == '0' && (digits > 1 || start < digitsStart);
        if (leadingZero) {
            return false;
        }
        extra.append(bytes, start, position);
        return true;
    }

    /** The JSON literal at the position, copied; false if it is not there or runs on into other letters. */
    private boolean literal(String text) {
        int end = position + text.length();
        if (end > bytes.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[position + i] != text.charAt(i)) {
                return false;
            }
        }
        if (end < bytes.length && isWordByte(bytes[end])) {
            return false;
        }
        extra.append(bytes, position, end);
        position = end;
        return true;
    }

    /** Whether the number just read ends there: a fraction, an exponent or a letter would make it another token. */
    private boolean endsNumber() {
        return position >= bytes.length || !(bytes[position] == '.' || isWordByte(bytes[position]));
    }

    private static boolean isWordByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-'
                || b == '+' || b < 0;
    }

    /** The slot of the contract field with this name, or -1 for any other name. */
    private int slotOf(int start, int length) {
        for (int slot = 0; slot < NAMES.length; slot++) {
            byte[] candidate = NAMES[slot];
            if (candidate.length == length && regionEquals(start, candidate)) {
                return slot;
            }
        }
        return -1;
    }

    private boolean value(int slot) {
        if (slot < STRING_FIELDS) {
            int start = string();
            if (start < 0) {
                return false;
            }
            strings[slot] = new String(bytes, start, position - 1 - start, StandardCharsets.UTF_8);
            return true;
        }
        int number = positiveInt();
        if (number <= 0) {
            return false;
        }
        if (slot == QUANTITY) {
            quantity = number;
        } else {
            schemaVersion = number;
        }
        return true;
    }

    /** A plain positive integer of at most nine digits ending where JSON allows, else -1. */
    private int positiveInt() {
        int start = position;
        int value = 0;
        while (position < bytes.length && bytes[position] >= '0' && bytes[position] <= '9') {
            value = value * 10 + (bytes[position] - '0');
            position++;
        }
        int digits = position - start;
        if (digits == 0 || digits > INT_DIGITS_MAX || bytes[start] == '0') {
            return -1;
        }
        // A fraction or an exponent makes it a float: not this tier's.
        return endsNumber() ? value : -1;
    }

    /**
     * Reads the string at the position, quotes included: its content is {@code bytes[start, position - 1)}.
     *
     * @return the start of its content, or -1 when there is no string here of the kind {@link #stringEnd} takes
     */
    private int string() {
        if (!consume('"')) {
            return -1;
        }
        int start = position;
        int end = stringEnd();
        if (end < 0) {
            return -1;
        }
        position = end + 1;
        return start;
    }

    /**
     * The index of the closing quote of the string starting at the position, or -1 when it holds an escape or a
     * control character (not allowed raw in JSON) or is not closed.
     */
    private int stringEnd() {
        for (int i = position; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            // Bytes of multi-byte UTF-8 sequences are negative: allowed, the UTF-8 is valid.
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                return -1;
            }
        }
        return -1;
    }

    private boolean regionEquals(int start, byte[] candidate) {
        for (int i = 0; i < candidate.length; i++) {
            if (bytes[start + i] != candidate[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean consume(char expected) {
        if (position < bytes.length && bytes[position] == expected) {
            position++;
            return true;
        }
        return false;
    }

    /** JSON's whitespace only: space, tab, line feed, carriage return. */
    private void skipWhitespace() {
        while (position < bytes.length) {
            byte b = bytes[position];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            position++;
        }
    }

    private boolean atEnd() {
        skipWhitespace();
        return position == bytes.length;
    }

    /** A growing byte buffer of compact JSON, decoded once at the end. */
    private static final class CompactJson {
        private byte[] buffer;
        private int size;

        CompactJson(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        void append(byte b) {
            ensure(1);
            buffer[size++] = b;
        }

        void append(byte[] source, int start, int end) {
            int length = end - start;
            ensure(length);
            System.arraycopy(source, start, buffer, size, length);
            size += length;
        }

        void appendQuoted(byte[] source, int start, int end) {
            append((byte) '"');
            append(source, start, end);
            append((byte) '"');
        }

        String text() {
            return new String(buffer, 0, size, StandardCharsets.UTF_8);
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    private static byte[][] names(String... names) {
        byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
