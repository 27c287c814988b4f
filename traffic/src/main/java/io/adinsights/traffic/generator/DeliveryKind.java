package io.adinsights.traffic.generator;

/** Why a delivery is in the stream where it is: for test diagnostics, never needed to compute the truth. */
public enum DeliveryKind {
    /** The first copy of an event, on time and in event-time order. */
    FIRST_COPY,
    /** The first copy of an event, on time but held back behind newer events (by at most maxDisorder). */
    DELAYED,
    /** The first copy of an event that is late beyond the speed layer's allowed lateness. */
    LATE,
    /** The same eventId and bytes as an earlier delivery, a few deliveries after it. */
    NEAR_DUPLICATE,
    /** The same eventId and bytes as an earlier delivery, many deliveries after it, possibly in a later phase. */
    FAR_DUPLICATE,
    /** A record that is not a valid event. */
    MALFORMED;

    /** Whether a delivery of this kind is the first copy of a valid event. */
    public boolean isFirstCopy() {
        return this == FIRST_COPY || this == DELAYED || this == LATE;
    }
}
