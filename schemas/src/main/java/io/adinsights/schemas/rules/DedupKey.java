package io.adinsights.schemas.rules;

import io.adinsights.schemas.event.AdEvent;

/**
 * What makes two records the same event: the eventId alone. Producer retries reuse the id, so every metric counts
 * an eventId once, whatever its type or payload. When copies differ, the first one received is the event.
 */
public final class DedupKey {

    private DedupKey() {
    }

    public static String of(AdEvent event) {
        return event.eventId();
    }
}
