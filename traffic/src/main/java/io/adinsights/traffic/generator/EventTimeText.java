package io.adinsights.traffic.generator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Writes event times the ways real producers do: RFC 3339 in several offsets, with or without a fraction. Only
 * millisecond instants are written, and every spelling names exactly that instant.
 */
final class EventTimeText {

    /** The offsets producers write: UTC, Central Europe in summer, US East in winter, India. */
    private static final int[] OFFSET_SECONDS = {0, 2 * 3600, -5 * 3600, 5 * 3600 + 1800};
    private static final String[] OFFSET_TEXT = {"Z", "+02:00", "-05:00", "+05:30"};
    private static final double UTC_SHARE = 0.5;

    private EventTimeText() {
    }

    /** The instant in a random offset and fraction style. */
    static String random(long epochMilli, SplittableRandom random) {
        int offset = random.nextDouble() < UTC_SHARE ? 0 : 1 + random.nextInt(OFFSET_SECONDS.length - 1);
        return format(epochMilli, offset, random.nextInt(4));
    }

    /**
     * @param offsetIndex   which of the known offsets
     * @param fractionStyle 0: no fraction when the instant is a whole second; 1: always 3 digits; 2: trailing zeros
     *                      trimmed; 3: 9 digits
     */
    static String format(long epochMilli, int offsetIndex, int fractionStyle) {
        long seconds = Math.floorDiv(epochMilli, 1000);
        int millis = (int) Math.floorMod(epochMilli, 1000);
        LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.ofTotalSeconds(
                OFFSET_SECONDS[offsetIndex]));
        StringBuilder text = new StringBuilder(35);
        pad(text, local.getYear(), 4).append('-');
        pad(text, local.getMonthValue(), 2).append('-');
        pad(text, local.getDayOfMonth(), 2).append('T');
        pad(text, local.getHour(), 2).append(':');
        pad(text, local.getMinute(), 2).append(':');
        pad(text, local.getSecond(), 2);
        appendFraction(text, millis, fractionStyle);
        return text.append(OFFSET_TEXT[offsetIndex]).toString();
    }

    private static void appendFraction(StringBuilder text, int millis, int style) {
        switch (style) {
            case 0 -> {
                if (millis != 0) {
                    pad(text.append('.'), millis, 3);
                }
            }
            case 1 -> pad(text.append('.'), millis, 3);
            case 2 -> {
                int digits = 3;
                int value = millis;
                while (digits > 1 && value % 10 == 0) {
                    value /= 10;
                    digits--;
                }
                pad(text.append('.'), value, digits);
            }
            default -> pad(text.append('.'), millis, 3).append("000000");
        }
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
