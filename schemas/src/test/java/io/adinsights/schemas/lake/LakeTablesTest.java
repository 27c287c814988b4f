package io.adinsights.schemas.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class LakeTablesTest {

    @Test
    void metricTablesKeyOnCampaignAdAndHour() {
        Schema schema = LakeTables.CAMPAIGN_METRICS_HOURLY_SCHEMA;

        assertThat(schema.findField("hour").type()).isEqualTo(Types.TimestampType.withZone());
        assertThat(schema.columns()).allSatisfy(field -> assertThat(field.isRequired()).isTrue());
        assertThat(LakeTables.CAMPAIGN_METRICS_HOURLY_PARTITIONING.fields())
                .singleElement().satisfies(f -> assertThat(f.transform().toString()).isEqualTo("month"));
    }

    @Test
    void eventsArePartitionedByEventDayAndKeepEveryContractField() {
        Schema schema = LakeTables.AD_EVENTS_SCHEMA;

        assertThat(schema.columns()).extracting(Types.NestedField::name).contains("event_id", "event_type",
                "event_time", "campaign_id", "ad_id", "click_id", "user_id", "retailer_id", "product_id",
                "placement", "quantity", "schema_version", "extra_fields");
        assertThat(LakeTables.AD_EVENTS_PARTITIONING.fields())
                .singleElement().satisfies(f -> assertThat(f.transform().toString()).isEqualTo("day"));
        assertThat(schema.findField("event_id").isRequired()).isTrue();
    }
}
