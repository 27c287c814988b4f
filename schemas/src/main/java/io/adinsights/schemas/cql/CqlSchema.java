package io.adinsights.schemas.cql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The CQL data model of the speed layer, defined once: the keyspace, the metric tables and the progress table.
 * Rows hold whole window totals (never counters) so that a replay rewrites the same values, and every row is written
 * with a TTL that ends {@link io.adinsights.schemas.rules.Retention#SPEED_LAYER_RETENTION} after its bucket.
 */
public final class CqlSchema {

    public static final String KEYSPACE_DEFAULT = "ad_insights";

    public static final String CAMPAIGN_ID = "campaign_id";
    public static final String AD_ID = "ad_id";
    public static final String PERIOD = "period";
    public static final String BUCKET_START = "bucket_start";
    public static final String IMPRESSIONS = "impressions";
    public static final String CLICKS = "clicks";
    public static final String CLICK_TO_BASKET = "click_to_basket";
    public static final String BASKETS = "baskets";

    /** One row per writer (e.g. the speed-layer job): how far event time is complete, for freshness answers. */
    public static final String PROGRESS_TABLE = "layer_progress";
    public static final String PROGRESS_LAYER = "layer";
    public static final String PROGRESS_WATERMARK = "watermark";
    public static final String PROGRESS_UPDATED_AT = "updated_at";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    /** Tombstones of expired rows need no repair window: every row carries its own TTL. */
    private static final int GC_GRACE_SECONDS = 3 * 3600;

    private CqlSchema() {
    }

    /** Replication for one machine or a single-datacenter test cluster. */
    public static String simpleReplication(int replicationFactor) {
        checkReplicationFactor(replicationFactor);
        return "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}";
    }

    /** Replication for production: a replication factor per datacenter. */
    public static String networkTopologyReplication(Map<String, Integer> factorByDatacenter) {
        requireNonNull(factorByDatacenter, "factorByDatacenter is null");
        if (factorByDatacenter.isEmpty()) {
            throw new IllegalArgumentException("Invalid replication: no datacenter given");
        }
        factorByDatacenter.values().forEach(CqlSchema::checkReplicationFactor);
        return factorByDatacenter.entrySet().stream()
                .map(e -> "'" + e.getKey().replace("'", "''") + "': " + e.getValue())
                .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
    }

    /** Every statement that creates the keyspace and its tables; each is idempotent. */
    public static List<String> createStatements(String keyspace, String replication) {
        checkKeyspace(keyspace);
        requireNonNull(replication, "replication is null");
        List<String> statements = new ArrayList<>();
        statements.add("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
        for (MetricTable table : MetricTable.values()) {
            statements.add(createTable(keyspace, table));
        }
        statements.add("CREATE TABLE IF NOT EXISTS " + keyspace + "." + PROGRESS_TABLE + " ("
                + PROGRESS_LAYER + " text PRIMARY KEY, "
                + PROGRESS_WATERMARK + " timestamp, "
                + PROGRESS_UPDATED_AT + " timestamp)");
        return List.copyOf(statements);
    }

    static String createTable(String keyspace, MetricTable table) {
        String columns;
        String primaryKey;
        switch (table.level()) {
            case CAMPAIGN -> {
                columns = CAMPAIGN_ID + " text, " + PERIOD + " date, " + BUCKET_START + " timestamp, "
                        + metricColumns();
                primaryKey = "((" + CAMPAIGN_ID + ", " + PERIOD + "), " + BUCKET_START + ")";
            }
            case AD -> {
                columns = CAMPAIGN_ID + " text, " + PERIOD + " date, " + AD_ID + " text, " + BUCKET_START
                        + " timestamp, " + metricColumns();
                primaryKey = "((" + CAMPAIGN_ID + ", " + PERIOD + "), " + AD_ID + ", " + BUCKET_START + ")";
            }
            case UNATTRIBUTED -> {
                columns = PERIOD + " date, " + BUCKET_START + " timestamp, " + BASKETS + " bigint";
                primaryKey = "((" + PERIOD + "), " + BUCKET_START + ")";
            }
            default -> throw new IllegalStateException("Unknown level " + table.level());
        }
        return "CREATE TABLE IF NOT EXISTS " + keyspace + "." + table.tableName() + " (" + columns
                + ", PRIMARY KEY " + primaryKey + ")"
                + " WITH compaction = {'class': 'TimeWindowCompactionStrategy',"
                + " 'compaction_window_unit': 'DAYS', 'compaction_window_size': 1}"
                + " AND gc_grace_seconds = " + GC_GRACE_SECONDS;
    }

    private static String metricColumns() {
        return IMPRESSIONS + " bigint, " + CLICKS + " bigint, " + CLICK_TO_BASKET + " bigint";
    }

    private static void checkKeyspace(String keyspace) {
        requireNonNull(keyspace, "keyspace is null");
        if (!IDENTIFIER.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("Invalid keyspace name: " + keyspace
                    + " (lower-case letters, digits and _, starting with a letter, at most 48 characters)");
        }
    }

    private static void checkReplicationFactor(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("Invalid replication factor: " + factor + " (must be >= 1)");
        }
    }
}
