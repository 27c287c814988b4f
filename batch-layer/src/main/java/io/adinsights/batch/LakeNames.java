package io.adinsights.batch;

import static java.util.Objects.requireNonNull;

import io.adinsights.lakehouse.catalog.LakehouseConfig;
import io.adinsights.schemas.lake.LakeTables;

/**
 * The Spark names of the lake tables, {@code <catalog>.<namespace>.<table>}.
 *
 * @param prefix {@code <catalog>.<namespace>}
 */
public record LakeNames(String prefix) {

    public LakeNames {
        requireNonNull(prefix, "prefix is null");
    }

    public static LakeNames of(LakehouseConfig lakehouse) {
        requireNonNull(lakehouse, "lakehouse is null");
        return new LakeNames(lakehouse.catalogName() + "." + lakehouse.namespace());
    }

    public String adEvents() {
        return table(LakeTables.AD_EVENTS);
    }

    public String deadLetters() {
        return table(LakeTables.DEAD_LETTERS);
    }

    public String campaignMetricsHourly() {
        return table(LakeTables.CAMPAIGN_METRICS_HOURLY);
    }

    public String unattributedBasketsHourly() {
        return table(LakeTables.UNATTRIBUTED_BASKETS_HOURLY);
    }

    public String table(String name) {
        return prefix + "." + name;
    }
}
