package io.adinsights.schemas.parse;

/**
 * Follows JSON's brackets and strings byte by byte, without parsing values: enough to find where an object ends and
 * whether a record was cut short. UTF-8 never uses the bytes it looks at inside multi-byte characters.
 */
final class JsonBrackets {

    private int depth;
    private boolean inString;
    private boolean escaped;

    /** Takes the next byte. */
    void accept(int b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if ((b == '}' || b == ']') && depth > 0) {
            depth--;
        }
    }

    int depth() {
        return depth;
    }

    boolean inString() {
        return inString;
    }

    /** Inside a string and not just after a backslash: any byte but a quote or a backslash leaves the state as is. */
    boolean inStringUnescaped() {
        return inString && !escaped;
    }

    /**
     * Whether the first object, array or string the bytes open is never closed: the mark of a record cut short, as
     * opposed to one that is complete but malformed.
     */
    static boolean isUnclosed(byte[] bytes) {
        JsonBrackets brackets = new JsonBrackets();
        boolean opened = false;
        for (byte b : bytes) {
            brackets.accept(b);
            if (brackets.depth > 0 || brackets.inString) {
                opened = true;
            } else if (opened) {
                return false;
            }
        }
        return opened;
    }
}
