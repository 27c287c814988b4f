package io.adinsights.speed.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.speed.types.SerializerChecks;
import io.adinsights.speed.types.SerializerTypeInfo;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.junit.jupiter.api.Test;

class ParsedEventSerializerTest {

    private static final ParsedEventSerializer SERIALIZER = ParsedEventSerializer.INSTANCE;

    @Test
    void roundTripsEveryKindOfEventAndNulls() throws Exception {
        SerializerChecks.roundTrip(SERIALIZER, ParsedEvent.impression("evt-1", 1_800_000_000_123L, "cmp-1", "ad-1"));
        SerializerChecks.roundTrip(SERIALIZER, ParsedEvent.click("evt-2", 0, "cmp-ü", "ad-€"));
        SerializerChecks.roundTrip(SERIALIZER, ParsedEvent.basket("evt-3", -5, "evt-2"));
        SerializerChecks.roundTrip(SERIALIZER, new ParsedEvent());
    }

    @Test
    void snapshotRestoresTheSerializer() throws Exception {
        SerializerChecks.snapshotRestores(SERIALIZER);
    }

    @Test
    void isTheTypeOfParsedEventsWhileAttributionStateKeepsThePojoSerializer() throws Exception {
        TypeInformation<ParsedEvent> type = TypeInformation.of(ParsedEvent.class);
        assertThat(type).isInstanceOf(SerializerTypeInfo.class);
        assertThat(type.createSerializer(new ExecutionConfig().getSerializerConfig())).isEqualTo(SERIALIZER);

        assertThat(ParsedEvent.POJO_TYPE).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<ParsedEvent> pojo = ParsedEvent.POJO_TYPE.createSerializer(
                new ExecutionConfig().getSerializerConfig());
        assertThat(pojo).isInstanceOf(PojoSerializer.class);
        assertThat(((PojoTypeInfo<ParsedEvent>) ParsedEvent.POJO_TYPE).getFieldNames()).containsExactly(
                "adId", "campaignId", "clickId", "eventId", "eventTime", "eventType");
        SerializerChecks.roundTrip(pojo, ParsedEvent.click("evt-2", 7, "cmp-1", "ad-1"));
    }
}
