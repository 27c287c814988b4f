package io.adinsights.speed.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.traffic.oracle.AdBucket;
import io.adinsights.traffic.oracle.CampaignBucket;
import io.adinsights.traffic.oracle.Counts;
import io.adinsights.traffic.oracle.MetricsTruth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** The six metric tables read back from CQL in the oracle's shapes, and a readable difference to the truth. */
final class ExpectedTables {

    private ExpectedTables() {
    }

    /** Every difference between the stored tables and the truth, at most {@code limit} of them, empty if equal. */
    static List<String> differences(CqlSession session, String keyspace, MetricsTruth truth, int limit) {
        List<String> differences = new ArrayList<>();
        for (Granularity granularity : Granularity.values()) {
            compare(MetricTable.of(granularity, MetricTable.Level.CAMPAIGN), campaignRows(session, keyspace,
                    granularity), truth.campaignRows(granularity), differences);
            compare(MetricTable.of(granularity, MetricTable.Level.AD), adRows(session, keyspace, granularity),
                    truth.adRows(granularity), differences);
            compare(MetricTable.of(granularity, MetricTable.Level.UNATTRIBUTED), unattributedRows(session, keyspace,
                    granularity), truth.unattributedRows(granularity), differences);
        }
        return differences.size() > limit ? differences.subList(0, limit) : differences;
    }

    static long rowCount(CqlSession session, String keyspace) {
        long rows = 0;
        for (MetricTable table : MetricTable.values()) {
            rows += session.execute("SELECT COUNT(*) FROM " + keyspace + "." + table.tableName()).one().getLong(0);
        }
        return rows;
    }

    private static <K> void compare(MetricTable table, Map<K, ?> actual, Map<K, ?> expected,
            List<String> differences) {
        for (Map.Entry<K, ?> entry : expected.entrySet()) {
            Object stored = actual.get(entry.getKey());
            if (!Objects.equals(stored, entry.getValue())) {
                differences.add(table + " " + entry.getKey() + ": expected " + entry.getValue() + ", stored "
                        + stored);
            }
        }
        for (Map.Entry<K, ?> entry : actual.entrySet()) {
            if (!expected.containsKey(entry.getKey())) {
                differences.add(table + " " + entry.getKey() + ": not expected, stored " + entry.getValue());
            }
        }
    }

    static SortedMap<CampaignBucket, Counts> campaignRows(CqlSession session, String keyspace,
            Granularity granularity) {
        SortedMap<CampaignBucket, Counts> rows = new TreeMap<>();
        for (Row row : session.execute("SELECT * FROM " + keyspace + "."
                + MetricTable.of(granularity, MetricTable.Level.CAMPAIGN).tableName())) {
            rows.put(new CampaignBucket(row.getString(CqlSchema.CAMPAIGN_ID), row.getInstant(CqlSchema.BUCKET_START)),
                    counts(row));
        }
        return rows;
    }

    static SortedMap<AdBucket, Counts> adRows(CqlSession session, String keyspace, Granularity granularity) {
        SortedMap<AdBucket, Counts> rows = new TreeMap<>();
        for (Row row : session.execute("SELECT * FROM " + keyspace + "."
                + MetricTable.of(granularity, MetricTable.Level.AD).tableName())) {
            rows.put(new AdBucket(row.getString(CqlSchema.CAMPAIGN_ID), row.getString(CqlSchema.AD_ID),
                    row.getInstant(CqlSchema.BUCKET_START)), counts(row));
        }
        return rows;
    }

    static SortedMap<Instant, Long> unattributedRows(CqlSession session, String keyspace, Granularity granularity) {
        SortedMap<Instant, Long> rows = new TreeMap<>();
        for (Row row : session.execute("SELECT * FROM " + keyspace + "."
                + MetricTable.of(granularity, MetricTable.Level.UNATTRIBUTED).tableName())) {
            rows.put(row.getInstant(CqlSchema.BUCKET_START), row.getLong(CqlSchema.BASKETS));
        }
        return rows;
    }

    private static Counts counts(Row row) {
        return new Counts(row.getLong(CqlSchema.IMPRESSIONS), row.getLong(CqlSchema.CLICKS),
                row.getLong(CqlSchema.CLICK_TO_BASKET));
    }
}
