package io.adinsights.schemas.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads {@code eventTime}: RFC 3339 with seconds and an explicit offset ({@code Z} or {@code ±hh:mm}), nothing looser.
 * Hand-written because it runs once per event in both layers, at a fraction of the cost of a formatter.
 */
public final class EventTimes {

    private static final int DATE_TIME_LENGTH = "yyyy-mm-ddThh:mm:ss".length();
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int SECONDS_PER_MINUTE = 60;
    private static final int SECONDS_PER_HOUR = 3_600;
    private static final int MAX_OFFSET_SECONDS = 18 * SECONDS_PER_HOUR;
    private static final int NO_OFFSET = Integer.MIN_VALUE;

    private EventTimes() {
    }

    /** The instant the text names, or empty if it is not an RFC 3339 timestamp with an offset. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() < DATE_TIME_LENGTH + 1 || !hasDateTimeShape(text)) {
            return Optional.empty();
        }
        int position = DATE_TIME_LENGTH;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int digits = 0;
            position++;
            while (position < text.length() && isDigit(text.charAt(position))) {
                if (++digits > MAX_FRACTION_DIGITS) {
                    return Optional.empty();
                }
                nanos = nanos * 10 + text.charAt(position++) - '0';
            }
            if (digits == 0) {
                return Optional.empty();
            }
            for (int i = digits; i < MAX_FRACTION_DIGITS; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(text, position);
        if (offsetSeconds == NO_OFFSET) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
                    number(text, 11, 2), number(text, 14, 2), number(text, 17, 2), nanos);
            return Optional.of(Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds, nanos));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasDateTimeShape(String text) {
        for (int i = 0; i < DATE_TIME_LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T' || c == 't';
                case 13, 16 -> c == ':';
                default -> isDigit(c);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The offset in seconds starting at {@code position} if it is the rest of the text and a valid offset (at most
     * 18 hours, as {@link ZoneOffset} allows), else {@link #NO_OFFSET}. Seconds rather than a {@code ZoneOffset}: a
     * {@code ZoneOffset} of hours and minutes is looked up in a shared cache on every call.
     */
    private static int offsetSeconds(String text, int position) {
        int remaining = text.length() - position;
        char sign = remaining > 0 ? text.charAt(position) : ' ';
        if (remaining == 1 && (sign == 'Z' || sign == 'z')) {
            return 0;
        }
        if (remaining != 6 || (sign != '+' && sign != '-') || text.charAt(position + 3) != ':'
                || !allDigits(text, position + 1, 2) || !allDigits(text, position + 4, 2)) {
            return NO_OFFSET;
        }
        int hours = number(text, position + 1, 2);
        int minutes = number(text, position + 4, 2);
        int seconds = hours * SECONDS_PER_HOUR + minutes * SECONDS_PER_MINUTE;
        if (minutes > 59 || seconds > MAX_OFFSET_SECONDS) {
            return NO_OFFSET;
        }
        return sign == '+' ? seconds : -seconds;
    }

    private static boolean allDigits(String text, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
