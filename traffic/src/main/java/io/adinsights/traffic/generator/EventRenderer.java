package io.adinsights.traffic.generator;

import io.adinsights.schemas.event.AdEvent;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes valid events as producers do, with the variety the contract allows: eventTime in several offsets and
 * fraction styles, members in canonical or random order, schemaVersion present or not, and sometimes unknown extra
 * members, which the contract keeps (as {@link AdEvent#extraFieldsJson()}) and aggregation ignores.
 */
final class EventRenderer {

    /** The members the contract knows; any other member is an extra field. */
    static final Set<String> CONTRACT_FIELDS = Set.of("eventId", "eventType", "eventTime", "campaignId", "adId",
            "clickId", "userId", "retailerId", "productId", "placement", "quantity", "schemaVersion");

    private static final double SCHEMA_VERSION_SHARE = 0.4;
    private static final double SHUFFLED_SHARE = 0.3;
    private static final double EXTRA_FIELDS_SHARE = 0.2;

    /** Extra members seen in the wild: SDK metadata, nested device info, non-ASCII app names. */
    private static final String[][] EXTRA_FIELDS = {
        {"sdkVersion", "\"4.12.1\""},
        {"sdkVersion", "\"5.0.0-beta.2\""},
        {"device", "{\"os\":\"android\",\"model\":\"Pixel 8\",\"screen\":{\"w\":1080,\"h\":2400}}"},
        {"device", "{\"os\":\"ios\",\"model\":\"iPhone 15\",\"screen\":{\"w\":1179,\"h\":2556}}"},
        {"consent", "true"},
        {"consent", "false"},
        {"tags", "[\"retail\",\"promo\"]"},
        {"appName", "\"\u00c9picerie Fine\""},
        {"appName", "\"B\u00e4ckerei M\u00fcller\""},
        {"experiment", "{\"id\":\"exp-42\",\"arm\":2}"},
    };

    /** An event and the bytes it was written as. */
    record Rendered(AdEvent event, byte[] payload) {
    }

    private final SplittableRandom random;

    EventRenderer(SplittableRandom random) {
        this.random = random;
    }

    /** Writes the event, deciding its extra fields: the returned event carries them as the parser will. */
    Rendered render(AdEvent event) {
        JsonFields fields = contractFields(event, EventTimeText.random(event.eventTime().toEpochMilli(), random),
                random.nextDouble() < SCHEMA_VERSION_SHARE);
        if (random.nextDouble() < EXTRA_FIELDS_SHARE) {
            int first = random.nextInt(EXTRA_FIELDS.length);
            fields.putRaw(EXTRA_FIELDS[first][0], EXTRA_FIELDS[first][1]);
            int second = random.nextInt(EXTRA_FIELDS.length);
            if (!fields.has(EXTRA_FIELDS[second][0])) {
                fields.putRaw(EXTRA_FIELDS[second][0], EXTRA_FIELDS[second][1]);
            }
        }
        if (random.nextDouble() < SHUFFLED_SHARE) {
            fields.shuffle(random);
        }
        JsonFields extra = fields.without(CONTRACT_FIELDS);
        AdEvent written = new AdEvent(event.eventId(), event.eventType(), event.eventTime(), event.campaignId(),
                event.adId(), event.clickId(), event.userId(), event.retailerId(), event.productId(),
                event.placement(), event.quantity(), event.schemaVersion(), extra.isEmpty() ? null : extra.render());
        return new Rendered(written, fields.render().getBytes(StandardCharsets.UTF_8));
    }

    /** The contract members of an event in canonical order. */
    static JsonFields contractFields(AdEvent event, String eventTimeText, boolean withSchemaVersion) {
        JsonFields fields = new JsonFields()
                .putString("eventId", event.eventId())
                .putString("eventType", event.eventType().wireName())
                .putString("eventTime", eventTimeText);
        putIfPresent(fields, "campaignId", event.campaignId());
        putIfPresent(fields, "adId", event.adId());
        putIfPresent(fields, "clickId", event.clickId());
        putIfPresent(fields, "userId", event.userId());
        putIfPresent(fields, "retailerId", event.retailerId());
        putIfPresent(fields, "productId", event.productId());
        putIfPresent(fields, "placement", event.placement());
        if (event.quantity() != null) {
            fields.putRaw("quantity", event.quantity().toString());
        }
        if (withSchemaVersion) {
            fields.putRaw("schemaVersion", Integer.toString(event.schemaVersion()));
        }
        return fields;
    }

    private static void putIfPresent(JsonFields fields, String name, String value) {
        if (value != null) {
            fields.putString(name, value);
        }
    }
}
