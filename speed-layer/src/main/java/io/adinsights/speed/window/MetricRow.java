package io.adinsights.speed.window;

import io.adinsights.schemas.cql.MetricTable;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A whole window total for one row of a metric table. {@code adId} is null outside the ad tables, both ids are null
 * in the unattributed tables, whose count is {@link #unattributedBaskets}.
 */
@TypeInfo(MetricRowSerializer.TypeFactory.class)
public class MetricRow {

    public MetricTable table;
    public String campaignId;
    public String adId;
    public long bucketStart;
    public long impressions;
    public long clicks;
    public long clickToBasket;
    public long unattributedBaskets;

    public MetricRow() {
    }

    /** The row of these ids and bucket with the counts of {@code total} (whose own level and ids are not used). */
    public static MetricRow of(MetricTable table, String campaignId, String adId, long bucketStart,
            PartialCounts total) {
        MetricRow row = new MetricRow();
        row.table = table;
        row.campaignId = campaignId;
        row.adId = adId;
        row.bucketStart = bucketStart;
        row.impressions = total.impressions;
        row.clicks = total.clicks;
        row.clickToBasket = total.clickToBasket;
        row.unattributedBaskets = total.unattributedBaskets;
        return row;
    }

    /** Identifies the stored row: rows with equal keys overwrite each other. */
    public String rowKey() {
        return table.name() + '\u0000' + campaignId + '\u0000' + adId + '\u0000' + bucketStart;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetricRow that && table == that.table && bucketStart == that.bucketStart
                && impressions == that.impressions && clicks == that.clicks && clickToBasket == that.clickToBasket
                && unattributedBaskets == that.unattributedBaskets && Objects.equals(campaignId, that.campaignId)
                && Objects.equals(adId, that.adId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, campaignId, adId, bucketStart, impressions, clicks, clickToBasket,
                unattributedBaskets);
    }

    @Override
    public String toString() {
        return table + " " + campaignId + "/" + adId + "@" + bucketStart + " [" + impressions + ", " + clicks + ", "
                + clickToBasket + ", " + unattributedBaskets + "]";
    }
}
