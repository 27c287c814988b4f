package io.adinsights.speed.window;

import io.adinsights.schemas.cql.MetricTable;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Counts of one row key in one UTC minute: a pre-aggregated piece of a window total. {@code adId} is null on
 * campaign rows, and both ids are null on unattributed rows.
 */
@TypeInfo(PartialCountsSerializer.TypeFactory.class)
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

    /** The level and ids of a row from its {@link #rowKey} (no id is empty, so an empty one was null). */
    public static PartialCounts ofRowKey(String rowKey, long minuteStart) {
        int campaignEnd = rowKey.indexOf('\u0000');
        int adStart = rowKey.indexOf('\u0000', campaignEnd + 1) + 1;
        String campaignId = rowKey.substring(campaignEnd + 1, adStart - 1);
        String adId = rowKey.substring(adStart);
        return of(MetricTable.Level.valueOf(rowKey.substring(0, campaignEnd)), campaignId.isEmpty() ? null : campaignId,
                adId.isEmpty() ? null : adId, minuteStart);
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
