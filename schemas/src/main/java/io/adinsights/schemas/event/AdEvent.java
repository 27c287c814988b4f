package io.adinsights.schemas.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One valid event of the contract (schema version 1). Instances are only made by the parser, by producers that
 * build events to send, and by test data generators; the factories check the type-specific required fields.
 *
 * @param eventId         everything is counted once per eventId
 * @param eventType       what happened
 * @param eventTime       when it happened, to the millisecond
 * @param campaignId      required for impressions and clicks, null for baskets
 * @param adId            required for impressions and clicks, null for baskets
 * @param clickId         baskets only: the eventId of the click they follow
 * @param userId          optional
 * @param retailerId      optional
 * @param productId       optional
 * @param placement       optional
 * @param quantity        baskets only, optional, at least 1
 * @param schemaVersion   the contract version the producer wrote
 * @param extraFieldsJson unknown fields of the record as one JSON object, or null when there were none
 */
public record AdEvent(
        String eventId,
        EventType eventType,
        Instant eventTime,
        String campaignId,
        String adId,
        String clickId,
        String userId,
        String retailerId,
        String productId,
        String placement,
        Integer quantity,
        int schemaVersion,
        String extraFieldsJson) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public AdEvent {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(eventTime, "eventTime is null");
        eventTime = eventTime.truncatedTo(ChronoUnit.MILLIS);
        if (eventType.carriesCampaign()) {
            requireNonNull(campaignId, "campaignId is null");
            requireNonNull(adId, "adId is null");
            if (clickId != null || quantity != null) {
                throw new IllegalArgumentException("clickId and quantity belong to add_to_basket events only");
            }
        } else {
            requireNonNull(clickId, "clickId is null");
        }
        if (quantity != null && quantity < 1) {
            throw new IllegalArgumentException("Invalid quantity: " + quantity + " (must be >= 1)");
        }
    }

    public static AdEvent impression(String eventId, Instant eventTime, String campaignId, String adId) {
        return new AdEvent(eventId, EventType.IMPRESSION, eventTime, campaignId, adId,
                null, null, null, null, null, null, CURRENT_SCHEMA_VERSION, null);
    }

    public static AdEvent click(String eventId, Instant eventTime, String campaignId, String adId) {
        return new AdEvent(eventId, EventType.CLICK, eventTime, campaignId, adId,
                null, null, null, null, null, null, CURRENT_SCHEMA_VERSION, null);
    }

    public static AdEvent addToBasket(String eventId, Instant eventTime, String clickId) {
        return new AdEvent(eventId, EventType.ADD_TO_BASKET, eventTime, null, null,
                clickId, null, null, null, null, null, CURRENT_SCHEMA_VERSION, null);
    }

    /** The same event with the optional context fields set. */
    public AdEvent withContext(String newUserId, String newRetailerId, String newProductId, String newPlacement) {
        return new AdEvent(eventId, eventType, eventTime, campaignId, adId, clickId,
                newUserId, newRetailerId, newProductId, newPlacement, quantity, schemaVersion, extraFieldsJson);
    }

    /** The same basket with a quantity. */
    public AdEvent withQuantity(Integer newQuantity) {
        return new AdEvent(eventId, eventType, eventTime, campaignId, adId, clickId,
                userId, retailerId, productId, placement, newQuantity, schemaVersion, extraFieldsJson);
    }
}
