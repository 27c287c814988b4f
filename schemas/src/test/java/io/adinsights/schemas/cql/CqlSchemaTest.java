package io.adinsights.schemas.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.schemas.rules.Granularity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CqlSchemaTest {

    @Test
    void createsTheKeyspaceEveryMetricTableAndTheProgressTable() {
        List<String> statements = CqlSchema.createStatements("metrics", CqlSchema.simpleReplication(1));

        assertThat(statements).hasSize(MetricTable.values().length + 2);
        assertThat(statements.get(0)).isEqualTo("CREATE KEYSPACE IF NOT EXISTS metrics WITH replication = "
                + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(statements).allSatisfy(s -> assertThat(s).contains("IF NOT EXISTS"));
        assertThat(statements).anySatisfy(s -> assertThat(s)
                .startsWith("CREATE TABLE IF NOT EXISTS metrics.ad_metrics_by_hour (")
                .contains("PRIMARY KEY ((campaign_id, period), ad_id, bucket_start)")
                .contains("TimeWindowCompactionStrategy"));
        assertThat(statements.get(statements.size() - 1)).contains("layer_progress");
    }

    @Test
    void partitionsMinutesByDayAndHoursByMonth() {
        Instant bucket = Instant.parse("2026-03-31T23:59:00Z");

        assertThat(MetricTable.CAMPAIGN_BY_MINUTE.periodOf(bucket)).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(MetricTable.AD_BY_HOUR.periodOf(bucket)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(MetricTable.AD_BY_HOUR.nextPeriod(LocalDate.of(2026, 3, 1))).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(MetricTable.of(Granularity.HOUR, MetricTable.Level.UNATTRIBUTED))
                .isEqualTo(MetricTable.UNATTRIBUTED_BY_HOUR);
    }

    @Test
    void aThirtyDayHourlyQueryTouchesAtMostTwoPartitions() {
        Instant from = Instant.parse("2026-03-17T05:00:00Z");
        LocalDate first = MetricTable.CAMPAIGN_BY_HOUR.periodOf(from);
        LocalDate last = MetricTable.CAMPAIGN_BY_HOUR.periodOf(from.plusSeconds(30L * 24 * 3600 - 3600));

        assertThat(MetricTable.CAMPAIGN_BY_HOUR.nextPeriod(first)).isEqualTo(last);
    }

    @Test
    void buildsNetworkTopologyReplication() {
        Map<String, Integer> factors = new LinkedHashMap<>();
        factors.put("eu-west-1", 3);
        factors.put("us-east-1", 2);

        assertThat(CqlSchema.networkTopologyReplication(factors))
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'eu-west-1': 3, 'us-east-1': 2}");
    }

    @Test
    void rejectsUnsafeNamesAndFactors() {
        assertThatThrownBy(() -> CqlSchema.createStatements("x; DROP TABLE y", CqlSchema.simpleReplication(1)))
                .hasMessageContaining("Invalid keyspace name");
        assertThatThrownBy(() -> CqlSchema.simpleReplication(0)).hasMessageContaining("must be >= 1");
    }
}
