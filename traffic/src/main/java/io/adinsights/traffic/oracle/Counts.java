package io.adinsights.traffic.oracle;

/**
 * The metrics of one campaign (or ad) in one bucket.
 *
 * @param impressions   distinct impressions
 * @param clicks        distinct clicks
 * @param clickToBasket distinct baskets attributed to a click of the campaign (or ad)
 */
public record Counts(long impressions, long clicks, long clickToBasket) {

    public static final Counts ZERO = new Counts(0, 0, 0);

    public long get(Metric metric) {
        return switch (metric) {
            case IMPRESSIONS -> impressions;
            case CLICKS -> clicks;
            case CLICK_TO_BASKET -> clickToBasket;
        };
    }
}
