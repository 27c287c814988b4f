package io.adinsights.serving.campaigns;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where {@code GET /campaigns} finds the ids it offers, validated at start-up.
 *
 * @param source     {@code owners} (default): the exact ids in {@code insights.security.campaign-owners}, costs
 *                   nothing; {@code realtime-store}: the campaigns present in ScyllaDB's hourly table, a scan of its
 *                   partition keys (one machine, the {@code dev} profile)
 * @param maxListed  the most ids one answer lists
 * @param cacheFor   how long one read of the source answers for
 */
@ConfigurationProperties("insights.campaigns")
public record CampaignsProperties(String source, int maxListed, Duration cacheFor) {

    public static final String SOURCE_OWNERS = "owners";
    public static final String SOURCE_REALTIME_STORE = "realtime-store";
    public static final int MAX_LISTED_DEFAULT = 1000;
    public static final Duration CACHE_FOR_DEFAULT = Duration.ofSeconds(30);

    public CampaignsProperties {
        source = source == null ? SOURCE_OWNERS : source.trim().toLowerCase(Locale.ROOT);
        maxListed = maxListed == 0 ? MAX_LISTED_DEFAULT : maxListed;
        cacheFor = cacheFor == null ? CACHE_FOR_DEFAULT : cacheFor;
        if (!source.equals(SOURCE_OWNERS) && !source.equals(SOURCE_REALTIME_STORE)) {
            throw new IllegalArgumentException("Invalid insights.campaigns.source: " + source + " (must be "
                    + SOURCE_OWNERS + " or " + SOURCE_REALTIME_STORE + ")");
        }
        if (maxListed < 1) {
            throw new IllegalArgumentException("Invalid insights.campaigns.max-listed: " + maxListed
                    + " (must be >= 1)");
        }
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("Invalid insights.campaigns.cache-for: " + cacheFor
                    + " (must be >= 0)");
        }
    }
}
