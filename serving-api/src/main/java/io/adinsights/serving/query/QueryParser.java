package io.adinsights.serving.query;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns the raw request parameters into a {@link MetricQuery}, or an {@link InvalidQueryException} naming the field.
 * Every check that needs only the request and the clock is here; what depends on the layers' state (the real-time
 * boundary, for minutes) is checked by the boundary rule.
 */
public final class QueryParser {

    /** The default range: the last 24 hours (for days, the last day) up to the end of the current bucket. */
    public static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** By minute, the default range is the last hour: minutes exist only after the real-time boundary. */
    public static final Duration DEFAULT_MINUTE_RANGE = Duration.ofHours(1);
    /** The earliest and latest instants a range may touch: anything outside is a typo, not a query. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** Ids follow the event contract: 1 to 128 characters; control characters are never part of an id. */
    public static final int MAX_ID_LENGTH = 128;

    /** The default zone, named as clients write it (not as the offset {@code Z}). */
    public static final ZoneId UTC = ZoneId.of("UTC");

    private final QueryLimits limits;

    public QueryParser(QueryLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** Parses a request; {@code now} is the instant the request is answered at. Null or blank means absent. */
    public MetricQuery parse(String campaignId, String metricName, String from, String to, String granularity,
            String tz, String adId, Instant now) {
        requireNonNull(now, "now is null");
        String campaign = checkId("campaignId", campaignId);
        Optional<String> ad = isAbsent(adId) ? Optional.empty() : Optional.of(checkId("adId", adId));
        Metric metric = Metric.fromPathName(metricName == null ? "" : metricName).orElseThrow(() ->
                new InvalidQueryException("metric", "Unknown metric: " + quoted(metricName)
                        + " (must be impressions, clicks, clickToBasket or summary)"));
        BucketSize size = isAbsent(granularity) ? BucketSize.HOUR : BucketSize.fromParam(granularity.trim())
                .orElseThrow(() -> new InvalidQueryException("granularity", "Invalid granularity: "
                        + quoted(granularity) + " (must be minute, hour or day)"));
        ZoneId zone = parseZone(tz);
        Instant end = isAbsent(to) ? size.next(size.bucketStart(now, zone), zone) : parseInstant("to", to);
        Instant start = isAbsent(from) ? defaultFrom(size, end, zone) : parseInstant("from", from);
        checkRange(start, end, now, size, zone);
        return new MetricQuery(campaign, ad, metric, start, end, size, zone);
    }

    private void checkRange(Instant from, Instant to, Instant now, BucketSize size, ZoneId zone) {
        if (!from.isBefore(to)) {
            throw new InvalidQueryException("from", "Invalid range: from " + from + " is not before to " + to);
        }
        Duration length = Duration.between(from, to);
        if (length.compareTo(limits.maxRange()) > 0) {
            throw new InvalidQueryException("to", "Range too long: " + length + " from " + from + " to " + to
                    + " (at most " + limits.maxRange() + ")");
        }
        Instant latestEnd = size.next(size.bucketStart(now, zone), zone);
        if (to.isAfter(latestEnd)) {
            throw new InvalidQueryException("to", "Invalid to: " + to + " is in the future (at most " + latestEnd
                    + ", the end of the current " + size.paramName() + ")");
        }
        long approximatePoints = length.dividedBy(size == BucketSize.DAY ? Duration.ofHours(23)
                : size.storedAs().length());
        if (approximatePoints > limits.maxPoints()) {
            throw new InvalidQueryException("granularity", "Too many points: about " + approximatePoints + " "
                    + size.paramName() + "s from " + from + " to " + to + " (at most " + limits.maxPoints()
                    + "; ask for a coarser granularity or a shorter range)");
        }
        if (size == BucketSize.DAY) {
            checkDaysAreWholeHours(from, to, zone);
        }
        checkAligned("from", from, size, zone);
        checkAligned("to", to, size, zone);
    }

    /** Days are built from the stored UTC hours, so every day of the range must start on a whole UTC hour. */
    private static void checkDaysAreWholeHours(Instant from, Instant to, ZoneId zone) {
        for (Instant day = BucketSize.DAY.bucketStart(from, zone); day.isBefore(to);
                day = BucketSize.DAY.next(day, zone)) {
            if (!BucketSize.HOUR.isBucketStart(day, zone)) {
                throw new InvalidQueryException("tz", "Invalid tz for days: " + zone + " starts a day at " + day
                        + ", which is not a whole UTC hour; days are built from the stored UTC hours (ask by hour)");
            }
        }
    }

    private static void checkAligned(String field, Instant instant, BucketSize size, ZoneId zone) {
        if (!size.isBucketStart(instant, zone)) {
            throw new InvalidQueryException(field, "Invalid " + field + ": " + instant + " is not the start of a "
                    + size.paramName() + (size == BucketSize.DAY ? " in " + zone : " (UTC)") + "; the nearest is "
                    + size.bucketStart(instant, zone));
        }
    }

    private static Instant defaultFrom(BucketSize size, Instant to, ZoneId zone) {
        return switch (size) {
            case MINUTE -> to.minus(DEFAULT_MINUTE_RANGE);
            case HOUR -> to.minus(DEFAULT_RANGE);
            case DAY -> size.bucketStart(to.minusSeconds(1), zone);
        };
    }

    private static Instant parseInstant(String field, String value) {
        String text = value.trim();
        Instant instant;
        try {
            instant = text.endsWith("Z") || text.endsWith("z") ? Instant.parse(text)
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(field, "Invalid " + field + ": " + quoted(value)
                    + " (must be an ISO-8601 instant such as 2026-03-29T00:00:00Z)");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new InvalidQueryException(field, "Invalid " + field + ": " + instant + " (must be from " + EARLIEST
                    + " to before " + LATEST + ")");
        }
        return instant;
    }

    private static ZoneId parseZone(String tz) {
        if (isAbsent(tz)) {
            return UTC;
        }
        try {
            return ZoneId.of(tz.trim());
        } catch (DateTimeException e) {
            throw new InvalidQueryException("tz", "Invalid tz: " + quoted(tz)
                    + " (must be an IANA time zone such as Europe/Paris, or UTC)");
        }
    }

    private static String checkId(String field, String value) {
        if (isAbsent(value)) {
            throw new InvalidQueryException(field, "Missing " + field);
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidQueryException(field, "Invalid " + field + ": " + value.length()
                    + " characters (at most " + MAX_ID_LENGTH + ")");
        }
        if (value.codePoints().anyMatch(Character::isISOControl) || !value.strip().equals(value)) {
            throw new InvalidQueryException(field, "Invalid " + field + ": " + quoted(value)
                    + " (no control characters, no leading or trailing spaces)");
        }
        return value;
    }

    private static boolean isAbsent(String value) {
        return value == null || value.isBlank();
    }

    private static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return "'" + shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "'";
    }
}
