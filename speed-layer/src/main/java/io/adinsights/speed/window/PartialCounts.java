package io.adinsights.speed.window;

import io.adinsights.schemas.cql.MetricTable;
import java.util.Objects;

/**
 * Counts of one row key in one UTC minute: a pre-aggregated piece of a window total. {@code adId} is null on
 * campaign rows, and both ids are null on unattributed rows.
 */
public class PartialCounts {

    public MetricTable.Level level;
    public String campaignId;
    public String adId;
    public long minuteStart;
    public long impressions;
    public long clicks;
    public long clickToBasket;
    public long unattributedBaskets;

    public PartialCounts() {
    }

    public static PartialCounts of(MetricTable.Level level, String campaignId, String adId, long minuteStart) {
        PartialCounts partial = new PartialCounts();
        partial.level = level;
        partial.campaignId = campaignId;
        partial.adId = adId;
        partial.minuteStart = minuteStart;
        return partial;
    }

    public void add(PartialCounts other) {
        impressions += other.impressions;
        clicks += other.clicks;
        clickToBasket += other.clickToBasket;
        unattributedBaskets += other.unattributedBaskets;
    }

    /** The window key: level, campaign and ad; the same for every minute of the row. */
    public String rowKey() {
        return level.name() + '\u0000' + (campaignId == null ? "" : campaignId) + '\u0000'
                + (adId == null ? "" : adId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartialCounts that && level == that.level && minuteStart == that.minuteStart
                && impressions == that.impressions && clicks == that.clicks && clickToBasket == that.clickToBasket
                && unattributedBaskets == that.unattributedBaskets && Objects.equals(campaignId, that.campaignId)
                && Objects.equals(adId, that.adId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, campaignId, adId, minuteStart, impressions, clicks, clickToBasket,
                unattributedBaskets);
    }

    @Override
    public String toString() {
        return level + " " + campaignId + "/" + adId + "@" + minuteStart + " [" + impressions + ", " + clicks + ", "
                + clickToBasket + ", " + unattributedBaskets + "]";
    }
}
