package io.adinsights.serving.store;

/** Impressions, clicks and clickToBasket of one bucket (or a sum of buckets). */
public record MetricCounts(long impressions, long clicks, long clickToBasket) {

    public static final MetricCounts ZERO = new MetricCounts(0, 0, 0);

    public MetricCounts plus(MetricCounts other) {
        return new MetricCounts(impressions + other.impressions, clicks + other.clicks,
                clickToBasket + other.clickToBasket);
    }
}
