package io.adinsights.batch.compaction;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.rules.RawZoneLayout;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of raw-zone hours {@code [from, to)} by arrival time, and the {@code yyyy/MM/dd/HH/} layout Firehose writes
 * them in.
 *
 * @param from the first hour, the start of a UTC hour
 * @param to   the hour after the last, the start of a UTC hour, after {@code from}
 */
public record RawHours(Instant from, Instant to) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RawHours {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (!Granularity.HOUR.isBucketStart(from) || !Granularity.HOUR.isBucketStart(to)) {
            throw new IllegalArgumentException(String.format(
                    "Invalid raw hours: [%s, %s) (both ends must be starts of UTC hours)", from, to));
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException(String.format(
                    "Invalid raw hours: [%s, %s) (from must be before to)", from, to));
        }
    }

    /** Parses an hour given as an instant ({@code 2026-03-29T05:00:00Z}) or as {@code 2026-03-29T05}. */
    public static Instant parseHour(String text) {
        requireNonNull(text, "text is null");
        try {
            return Instant.parse(text.length() == 13 ? text + ":00:00Z" : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid hour: " + text
                    + " (must be like 2026-03-29T05 or 2026-03-29T05:00:00Z)", e);
        }
    }

    /** Every hour of the range, in order. */
    public List<Instant> hours() {
        List<Instant> hours = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Granularity.HOUR.length())) {
            hours.add(hour);
        }
        return hours;
    }

    /** The directory of an hour under the raw zone's root. */
    public static String directory(String root, Instant hour) {
        return root + "/" + RawZoneLayout.hourPrefix(hour);
    }

    /**
     * The arrival hour of a raw file from its path, {@code .../yyyy/MM/dd/HH/name}.
     *
     * @throws IllegalArgumentException if the path does not end with the hour layout
     */
    public static Instant arrivalHour(String filePath) {
        return RawZoneLayout.hourOfFile(filePath).orElseThrow(() -> new IllegalArgumentException(
                "Invalid raw file path: " + filePath + " (must end with yyyy/MM/dd/HH/name)"));
    }
}
