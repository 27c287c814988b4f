package io.adinsights.schemas.rules;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw zone's layout, as Firehose writes it on AWS and the speed layer's archive writes it locally: each record
 * under the {@code yyyy/MM/dd/HH/} prefix of its arrival hour (UTC). A file whose name starts with {@code .} or
 * {@code _} is still being written, or a marker, and not part of the zone.
 */
public final class RawZoneLayout {

    private static final DateTimeFormatter HOUR_PREFIX =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
    private static final Pattern HOUR_DIRECTORY = Pattern.compile("(?:^|/)(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/?$");
    private static final Pattern HOUR_OF_FILE = Pattern.compile("(?:^|/)(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/[^/]+$");

    private RawZoneLayout() {
    }

    /** The prefix of the hour an arrival time falls in: {@code 2026/03/29/05}. */
    public static String hourPrefix(Instant arrival) {
        return HOUR_PREFIX.format(requireNonNull(arrival, "arrival is null"));
    }

    /** The hour of a directory path that ends with {@code yyyy/MM/dd/HH}; empty for any other path. */
    public static Optional<Instant> hourOfDirectory(String path) {
        return hour(HOUR_DIRECTORY.matcher(separators(path)));
    }

    /** The arrival hour of a file from its path, {@code .../yyyy/MM/dd/HH/name}; empty for any other path. */
    public static Optional<Instant> hourOfFile(String path) {
        return hour(HOUR_OF_FILE.matcher(separators(path)));
    }

    /** Whether a file of that name is part of the zone: not in progress, not a marker. */
    public static boolean isCommitted(String fileName) {
        return !fileName.isEmpty() && !fileName.startsWith(".") && !fileName.startsWith("_");
    }

    private static String separators(String path) {
        return requireNonNull(path, "path is null").replace('\\', '/');
    }

    private static Optional<Instant> hour(Matcher matcher) {
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(String.format("%s-%s-%sT%s:00:00Z",
                    matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4))));
        } catch (java.time.format.DateTimeParseException e) {
            // Digits in the layout's places that are no date, such as 2026/13/40/25.
            return Optional.empty();
        }
    }
}
