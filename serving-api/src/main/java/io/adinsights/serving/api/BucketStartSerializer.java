package io.adinsights.serving.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a bucket start exactly as {@link Instant#toString()} does (the default for instants), without the general
 * date-time formatter: a series has up to thousands of them, and formatting them was the largest part of rendering
 * an answer. Instants with a fraction of a second or outside the years 1000 to 9999 take the general way.
 */
public final class BucketStartSerializer extends StdSerializer<Instant> {

    private static final int LENGTH = "2026-03-29T00:00:00Z".length();

    public BucketStartSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
        generator.writeString(format(value));
    }

    static String format(Instant instant) {
        if (instant.getNano() != 0) {
            return instant.toString();
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 1000 || year > 9999) {
            return instant.toString();
        }
        char[] text = new char[LENGTH];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }
}
