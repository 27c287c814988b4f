package io.adinsights.traffic.oracle;

/** The per-campaign metrics of ARCHITECTURE.md. */
public enum Metric {
    IMPRESSIONS,
    CLICKS,
    CLICK_TO_BASKET
}
