package io.adinsights.schemas.validation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code eventTime}: RFC 3339 with seconds and an explicit offset, nothing looser. */
public final class EventTimes {

    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private EventTimes() {
    }

    /** The instant the text names, or empty if it is not an RFC 3339 timestamp with an offset. */
    public static Optional<Instant> parse(String text) {
        if (text == null || !RFC_3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            String normalized = text.toUpperCase(Locale.ROOT);
            return Optional.of(OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
