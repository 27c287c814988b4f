package io.adinsights.batch;

import static java.util.Objects.requireNonNull;

import io.adinsights.lakehouse.catalog.LakehouseConfig;
import io.adinsights.schemas.rules.AttributionWindow;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The batch jobs' settings, read once from environment variables (or a map with the same keys) and validated there;
 * the lake's catalog comes from the same settings through {@link LakehouseConfig}.
 *
 * @param rawZone           root of the raw zone, {@code s3://bucket/prefix} or a local directory; hours below it are
 *                          {@code yyyy/MM/dd/HH/} by arrival time
 * @param quarantineDir     where files that cannot be read to their end are moved, with a {@code .reason} file beside
 * @param reportDir         where each run writes its JSON report (counts, quality checks, watermark)
 * @param attributionWindow W of the click-to-basket metric
 * @param completenessDelay how long after a raw hour is compacted its event-time hours are taken as complete
 * @param maxDeadLetterRatio the share of dead letters among the records read above which a run fails its checks
 * @param lakehouse         the Iceberg catalog and namespace
 */
public record BatchConfig(
        String rawZone,
        String quarantineDir,
        String reportDir,
        AttributionWindow attributionWindow,
        Duration completenessDelay,
        double maxDeadLetterRatio,
        LakehouseConfig lakehouse) {

    /** Root of the raw zone; no default. */
    public static final String RAW_ZONE = "BATCH_RAW_ZONE";
    /** Defaults to {@code _quarantine/} under the raw zone (ignored by the hour layout). */
    public static final String QUARANTINE_DIR = "BATCH_QUARANTINE_DIR";
    public static final String QUARANTINE_DIR_DEFAULT_NAME = "_quarantine";
    public static final String REPORT_DIR = "BATCH_REPORT_DIR";
    public static final String REPORT_DIR_DEFAULT = ".local-stack/batch-reports";
    /** ISO-8601 duration, e.g. {@code PT1H}. */
    public static final String ATTRIBUTION_WINDOW = "BATCH_ATTRIBUTION_WINDOW";
    public static final Duration ATTRIBUTION_WINDOW_DEFAULT = AttributionWindow.LENGTH_DEFAULT;
    /** ISO-8601 duration, e.g. {@code PT1H}. */
    public static final String COMPLETENESS_DELAY = "BATCH_COMPLETENESS_DELAY";
    public static final Duration COMPLETENESS_DELAY_DEFAULT = Duration.ofHours(1);
    public static final String MAX_DEAD_LETTER_RATIO = "BATCH_MAX_DEAD_LETTER_RATIO";
    public static final double MAX_DEAD_LETTER_RATIO_DEFAULT = 0.01;

    public BatchConfig {
        requireNonNull(rawZone, "rawZone is null");
        requireNonNull(quarantineDir, "quarantineDir is null");
        requireNonNull(reportDir, "reportDir is null");
        requireNonNull(attributionWindow, "attributionWindow is null");
        requireNonNull(completenessDelay, "completenessDelay is null");
        requireNonNull(lakehouse, "lakehouse is null");
        if (completenessDelay.isNegative()) {
            throw new IllegalArgumentException(String.format(
                    "Invalid %s: %s (must be >= 0)", COMPLETENESS_DELAY, completenessDelay));
        }
        if (!(maxDeadLetterRatio >= 0 && maxDeadLetterRatio <= 1)) {
            throw new IllegalArgumentException(String.format(
                    "Invalid %s: %s (must be in [0, 1])", MAX_DEAD_LETTER_RATIO, maxDeadLetterRatio));
        }
    }

    public static BatchConfig fromEnv() {
        return fromMap(System.getenv());
    }

    public static BatchConfig fromMap(Map<String, String> settings) {
        requireNonNull(settings, "settings is null");
        String rawZone = setting(settings, RAW_ZONE, null);
        if (rawZone == null) {
            throw new IllegalArgumentException("Missing " + RAW_ZONE + ": the root of the raw zone");
        }
        rawZone = stripTrailingSlash(rawZone);
        return new BatchConfig(
                rawZone,
                stripTrailingSlash(setting(settings, QUARANTINE_DIR, rawZone + "/" + QUARANTINE_DIR_DEFAULT_NAME)),
                stripTrailingSlash(setting(settings, REPORT_DIR, REPORT_DIR_DEFAULT)),
                new AttributionWindow(duration(settings, ATTRIBUTION_WINDOW, ATTRIBUTION_WINDOW_DEFAULT)),
                duration(settings, COMPLETENESS_DELAY, COMPLETENESS_DELAY_DEFAULT),
                ratio(settings),
                LakehouseConfig.fromMap(settings));
    }

    private static String setting(Map<String, String> settings, String key, String defaultValue) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static Duration duration(Map<String, String> settings, String key, Duration defaultValue) {
        String value = setting(settings, key, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(String.format(
                    "Invalid %s: %s (must be an ISO-8601 duration such as PT1H)", key, value), e);
        }
    }

    private static double ratio(Map<String, String> settings) {
        String value = setting(settings, MAX_DEAD_LETTER_RATIO, null);
        if (value == null) {
            return MAX_DEAD_LETTER_RATIO_DEFAULT;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(
                    "Invalid %s: %s (must be a number in [0, 1])", MAX_DEAD_LETTER_RATIO, value), e);
        }
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
