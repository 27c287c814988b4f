package io.adinsights.speed.attribution;

import io.adinsights.speed.parse.ParsedEvent;
import java.util.Objects;

/**
 * What one counted event adds to the metrics: one impression, click or attributed basket of a (campaign, ad), or
 * one unattributed basket, in the bucket of {@link #eventTime} (for a basket, the basket's own time).
 */
public class Contribution {

    /** What is counted. */
    public enum Kind { IMPRESSION, CLICK, ATTRIBUTED_BASKET, UNATTRIBUTED_BASKET }

    public Kind kind;
    /** Null for unattributed baskets. */
    public String campaignId;
    /** Null for unattributed baskets. */
    public String adId;
    public long eventTime;

    public Contribution() {
    }

    public static Contribution of(Kind kind, String campaignId, String adId, long eventTime) {
        Contribution contribution = new Contribution();
        contribution.kind = kind;
        contribution.campaignId = campaignId;
        contribution.adId = adId;
        contribution.eventTime = eventTime;
        return contribution;
    }

    public static Contribution impression(ParsedEvent event) {
        return of(Kind.IMPRESSION, event.campaignId, event.adId, event.eventTime);
    }

    public static Contribution unattributed(long basketTime) {
        return of(Kind.UNATTRIBUTED_BASKET, null, null, basketTime);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contribution that && kind == that.kind && eventTime == that.eventTime
                && Objects.equals(campaignId, that.campaignId) && Objects.equals(adId, that.adId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, campaignId, adId, eventTime);
    }

    @Override
    public String toString() {
        return kind + (campaignId == null ? "" : " " + campaignId + "/" + adId) + "@" + eventTime;
    }
}
