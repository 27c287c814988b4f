package io.adinsights.traffic.generator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The members of one JSON object in the order they are written, each value as raw JSON text. Valid events are
 * written from it, and malformed records are made by editing it (or the text it renders).
 */
final class JsonFields {

    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** A JSON string literal, escaped the way Jackson writes it. */
    static String quote(String text) {
        if (needsNoEscape(text)) {
            return '"' + text + '"';
        }
        StringBuilder quoted = new StringBuilder(text.length() + 8).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, quoted);
        return quoted.append('"').toString();
    }

    /** The common case, checked first because it is most of the generator's time otherwise. */
    private static boolean needsNoEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    JsonFields putString(String name, String value) {
        return putRaw(name, quote(value));
    }

    /** Sets a member, keeping its position when it is already there. */
    JsonFields putRaw(String name, String rawValue) {
        int index = names.indexOf(name);
        if (index >= 0) {
            values.set(index, rawValue);
        } else {
            names.add(name);
            values.add(rawValue);
        }
        return this;
    }

    /** Adds a member even when the name is already there: a duplicate key. */
    JsonFields append(String name, String rawValue) {
        names.add(name);
        values.add(rawValue);
        return this;
    }

    JsonFields remove(String name) {
        int index = names.indexOf(name);
        if (index >= 0) {
            names.remove(index);
            values.remove(index);
        }
        return this;
    }

    boolean has(String name) {
        return names.contains(name);
    }

    /** A copy without the named members, in the same order. */
    JsonFields without(Collection<String> excluded) {
        JsonFields rest = new JsonFields();
        for (int i = 0; i < names.size(); i++) {
            if (!excluded.contains(names.get(i))) {
                rest.append(names.get(i), values.get(i));
            }
        }
        return rest;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** Puts the members in a random order. */
    JsonFields shuffle(SplittableRandom random) {
        for (int i = names.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            swap(names, i, j);
            swap(values, i, j);
        }
        return this;
    }

    /** Compact JSON, no white space, no line break. */
    String render() {
        StringBuilder json = new StringBuilder(64 + 48 * names.size()).append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quote(names.get(i))).append(':').append(values.get(i));
        }
        return json.append('}').toString();
    }

    private static void swap(List<String> list, int i, int j) {
        String at = list.get(i);
        list.set(i, list.get(j));
        list.set(j, at);
    }
}
