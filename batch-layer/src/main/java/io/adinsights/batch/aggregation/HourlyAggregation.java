package io.adinsights.batch.aggregation;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.adinsights.batch.LakeNames;
import io.adinsights.batch.ScalaSeqs;
import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.rules.AttributionWindow;
import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * Computes the hourly tables exactly, from {@code ad_events}, for a set of event-time hours: impressions and clicks
 * are distinct eventIds per campaign, ad and UTC hour; a basket counts for the campaign and ad of the click it names
 * when the schemas' {@link AttributionWindow} says so, in the basket's own hour; every other basket is unattributed.
 * The hour bucket and the window are the shared rules of {@code schemas}, called as Spark UDFs, not re-written here.
 */
public final class HourlyAggregation {

    private static final String HOUR_UDF = "adinsights_hour";
    private static final String ATTRIBUTES_UDF = "adinsights_attributes";
    private static final String IMPRESSION = EventType.IMPRESSION.wireName();
    private static final String CLICK = EventType.CLICK.wireName();
    private static final String BASKET = EventType.ADD_TO_BASKET.wireName();

    private final SparkSession spark;
    private final LakeNames names;
    private final AttributionWindow window;

    public HourlyAggregation(SparkSession spark, LakeNames names, AttributionWindow window) {
        this.spark = requireNonNull(spark, "spark is null");
        this.names = requireNonNull(names, "names is null");
        this.window = requireNonNull(window, "window is null");
        spark.udf().register(HOUR_UDF, (UDF1<Instant, Instant>) Granularity.HOUR::bucketStart,
                DataTypes.TimestampType);
        AttributionWindow rule = window;
        spark.udf().register(ATTRIBUTES_UDF, (UDF2<Instant, Instant, Boolean>) rule::attributes,
                DataTypes.BooleanType);
    }

    /**
     * The event-time hours whose rows new events can change: the hour of every event, and for a click also every
     * hour of the baskets it may be credited with, its hour to the hour of click + W (the basket may be in the
     * table already, from an earlier run).
     */
    public SortedSet<Instant> touchedHours(Dataset<Row> events) {
        requireNonNull(events, "events is null");
        SortedSet<Instant> hours = new TreeSet<>();
        List<Row> rows = events
                .select(callUDF(HOUR_UDF, col("event_time")).as("hour"), col("event_type").equalTo(CLICK).as("click"))
                .distinct()
                .collectAsList();
        for (Row row : rows) {
            Instant hour = row.getAs("hour");
            hours.add(hour);
            if (row.getBoolean(1)) {
                Instant lastClickOfHour = Granularity.HOUR.bucketEnd(hour).minusMillis(1);
                Instant lastBasketHour =
                        Granularity.HOUR.bucketStart(window.lastAttributableBasketTime(lastClickOfHour));
                for (Instant h = hour; !h.isAfter(lastBasketHour); h = h.plus(Granularity.HOUR.length())) {
                    hours.add(h);
                }
            }
        }
        return hours;
    }

    /** The rows of both hourly tables for exactly these hours (non-zero rows only). */
    public HourlyRows compute(SortedSet<Instant> hours) {
        requireNonNull(hours, "hours is null");
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("Invalid hours: [] (must not be empty)");
        }
        Instant from = hours.first();
        Instant to = Granularity.HOUR.bucketEnd(hours.last());
        Column inHours = col("hour").isin(hours.toArray());
        Dataset<Row> table = spark.table(names.adEvents());
        Dataset<Row> events = table
                .filter(col("event_time").geq(lit(from)).and(col("event_time").lt(lit(to))))
                .withColumn("hour", callUDF(HOUR_UDF, col("event_time")))
                .filter(inHours);

        Dataset<Row> counted = events.filter(col("event_type").isin(IMPRESSION, CLICK))
                .groupBy("campaign_id", "ad_id", "hour")
                .agg(countDistinct(when(col("event_type").equalTo(IMPRESSION), col("event_id"))).as("impressions"),
                        countDistinct(when(col("event_type").equalTo(CLICK), col("event_id"))).as("clicks"));

        Dataset<Row> baskets = events.filter(col("event_type").equalTo(BASKET))
                .select(col("event_id").as("basket_id"), col("event_time").as("basket_time"), col("click_id"),
                        col("hour"));
        // A click can only be credited with baskets from its own time to W after it.
        Dataset<Row> clicks = table
                .filter(col("event_type").equalTo(CLICK)
                        .and(col("event_time").geq(lit(from.minus(window.length()))))
                        .and(col("event_time").lt(lit(to))))
                .select(col("event_id").as("clicked_id"), col("event_time").as("click_time"), col("campaign_id"),
                        col("ad_id"));
        Dataset<Row> judged = baskets.join(clicks, baskets.col("click_id").equalTo(clicks.col("clicked_id")), "left")
                .withColumn("attributed", when(col("click_time").isNull(), lit(false))
                        .otherwise(callUDF(ATTRIBUTES_UDF, col("click_time"), col("basket_time"))));

        Dataset<Row> credited = judged.filter(col("attributed"))
                .groupBy("campaign_id", "ad_id", "hour")
                .agg(countDistinct("basket_id").as("click_to_basket"));
        Dataset<Row> campaignRows = counted
                .join(credited, ScalaSeqs.of("campaign_id", "ad_id", "hour"), "full_outer")
                .na().fill(0L, new String[] {"impressions", "clicks", "click_to_basket"})
                .select("campaign_id", "ad_id", "hour", "impressions", "clicks", "click_to_basket");
        Dataset<Row> unattributedRows = judged.filter(col("attributed").unary_$bang())
                .groupBy("hour")
                .agg(countDistinct("basket_id").as("baskets"))
                .select("hour", "baskets");
        return new HourlyRows(hours, campaignRows, unattributedRows);
    }
}
