package io.adinsights.schemas.lake;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg tables of the lake, defined once. Field ids are part of the definition: Iceberg tracks columns by id,
 * so a change here is a schema evolution and must keep existing ids.
 */
public final class LakeTables {

    /** Every valid event once per eventId, with where and when it was read; partitioned by event day. */
    public static final String AD_EVENTS = "ad_events";
    /** Every record that is not a valid event, whole, with its reason and origin. */
    public static final String DEAD_LETTERS = "dead_letters";
    /** Exact hourly totals per campaign and ad, rebuilt for every event-time hour that new data touches. */
    public static final String CAMPAIGN_METRICS_HOURLY = "campaign_metrics_hourly";
    /** Exact hourly counts of baskets that no campaign can be credited with. */
    public static final String UNATTRIBUTED_BASKETS_HOURLY = "unattributed_baskets_hourly";

    public static final Schema AD_EVENTS_SCHEMA = new Schema(
            required(1, "event_id", Types.StringType.get()),
            required(2, "event_type", Types.StringType.get()),
            required(3, "event_time", Types.TimestampType.withZone()),
            optional(4, "campaign_id", Types.StringType.get()),
            optional(5, "ad_id", Types.StringType.get()),
            optional(6, "click_id", Types.StringType.get()),
            optional(7, "user_id", Types.StringType.get()),
            optional(8, "retailer_id", Types.StringType.get()),
            optional(9, "product_id", Types.StringType.get()),
            optional(10, "placement", Types.StringType.get()),
            optional(11, "quantity", Types.IntegerType.get()),
            required(12, "schema_version", Types.IntegerType.get()),
            optional(13, "extra_fields", Types.StringType.get(), "unknown fields of the record, as a JSON object"),
            required(14, "source", Types.StringType.get(), "where the record was read: file and record position"),
            required(15, "ingested_at", Types.TimestampType.withZone(), "when compaction wrote the event"));

    public static final PartitionSpec AD_EVENTS_PARTITIONING = PartitionSpec.builderFor(AD_EVENTS_SCHEMA)
            .day("event_time")
            .build();

    public static final SortOrder AD_EVENTS_SORT_ORDER = SortOrder.builderFor(AD_EVENTS_SCHEMA)
            .asc("event_type")
            .asc("campaign_id")
            .asc("event_time")
            .build();

    public static final Schema DEAD_LETTERS_SCHEMA = new Schema(
            required(1, "raw", Types.BinaryType.get(), "the record's bytes as received"),
            required(2, "reason", Types.StringType.get(), "stable reason code"),
            required(3, "message", Types.StringType.get()),
            required(4, "origin", Types.StringType.get()),
            required(5, "received_at", Types.TimestampType.withZone()));

    public static final PartitionSpec DEAD_LETTERS_PARTITIONING = PartitionSpec.builderFor(DEAD_LETTERS_SCHEMA)
            .day("received_at")
            .build();

    public static final Schema CAMPAIGN_METRICS_HOURLY_SCHEMA = new Schema(
            required(1, "campaign_id", Types.StringType.get()),
            required(2, "ad_id", Types.StringType.get()),
            required(3, "hour", Types.TimestampType.withZone(), "start of the UTC hour"),
            required(4, "impressions", Types.LongType.get()),
            required(5, "clicks", Types.LongType.get()),
            required(6, "click_to_basket", Types.LongType.get()));

    public static final PartitionSpec CAMPAIGN_METRICS_HOURLY_PARTITIONING =
            PartitionSpec.builderFor(CAMPAIGN_METRICS_HOURLY_SCHEMA).month("hour").build();

    public static final SortOrder CAMPAIGN_METRICS_HOURLY_SORT_ORDER =
            SortOrder.builderFor(CAMPAIGN_METRICS_HOURLY_SCHEMA).asc("campaign_id").asc("ad_id").asc("hour").build();

    public static final Schema UNATTRIBUTED_BASKETS_HOURLY_SCHEMA = new Schema(
            required(1, "hour", Types.TimestampType.withZone(), "start of the UTC hour"),
            required(2, "baskets", Types.LongType.get()));

    public static final PartitionSpec UNATTRIBUTED_BASKETS_HOURLY_PARTITIONING =
            PartitionSpec.builderFor(UNATTRIBUTED_BASKETS_HOURLY_SCHEMA).month("hour").build();

    private LakeTables() {
    }
}
