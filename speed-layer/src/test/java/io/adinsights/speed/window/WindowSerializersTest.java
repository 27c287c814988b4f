package io.adinsights.speed.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.speed.types.SerializerChecks;
import io.adinsights.speed.types.SerializerTypeInfo;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;

class WindowSerializersTest {

    private static final long T = 1_800_000_000_000L;

    @Test
    void partialCountsRoundTripWithNullIdsAndLargeCounts() throws Exception {
        PartialCounts ad = PartialCounts.of(MetricTable.Level.AD, "cmp-1", "ad-1", T);
        ad.impressions = 3;
        ad.clicks = 200;
        ad.clickToBasket = Long.MAX_VALUE;
        SerializerChecks.roundTrip(PartialCountsSerializer.INSTANCE, ad);
        PartialCounts unattributed = PartialCounts.of(MetricTable.Level.UNATTRIBUTED, null, null, T);
        unattributed.unattributedBaskets = 1;
        SerializerChecks.roundTrip(PartialCountsSerializer.INSTANCE, unattributed);
        SerializerChecks.roundTrip(PartialCountsSerializer.INSTANCE, new PartialCounts());
        SerializerChecks.snapshotRestores(PartialCountsSerializer.INSTANCE);
    }

    @Test
    void metricRowsRoundTripWithNullIds() throws Exception {
        MetricRow row = new MetricRow();
        row.table = MetricTable.AD_BY_HOUR;
        row.campaignId = "cmp-1";
        row.adId = "ad-1";
        row.bucketStart = T;
        row.impressions = 1_000_000;
        row.clicks = 1;
        row.clickToBasket = 0;
        SerializerChecks.roundTrip(MetricRowSerializer.INSTANCE, row);
        MetricRow unattributed = new MetricRow();
        unattributed.table = MetricTable.UNATTRIBUTED_BY_MINUTE;
        unattributed.unattributedBaskets = 7;
        SerializerChecks.roundTrip(MetricRowSerializer.INSTANCE, unattributed);
        SerializerChecks.roundTrip(MetricRowSerializer.INSTANCE, new MetricRow());
        SerializerChecks.snapshotRestores(MetricRowSerializer.INSTANCE);
    }

    @Test
    void openWindowsRoundTripWithTheirTotalsAndEarlyFirings() throws Exception {
        OpenWindows.Window minute = new OpenWindows.Window(Granularity.MINUTE, T);
        minute.total.impressions = 5;
        minute.earlyFireAt = 1_000;
        OpenWindows.Window hour = new OpenWindows.Window(Granularity.HOUR, T - T % 3_600_000);
        hour.total.clicks = 300;
        hour.total.clickToBasket = 2;
        List<OpenWindows.Window> windows = new ArrayList<>(List.of(minute, hour));
        OpenWindows row = new OpenWindows(1_000, windows);
        OpenWindows read = SerializerChecks.roundTrip(OpenWindowsSerializer.INSTANCE, row);
        read.windows.get(0).total.impressions++;
        assertThat(row.windows.get(0).total.impressions).as("a deserialized value shares nothing").isEqualTo(5);
        OpenWindows copy = OpenWindowsSerializer.INSTANCE.copy(row);
        copy.windows.get(1).total.clicks++;
        assertThat(row.windows.get(1).total.clicks).as("a copy shares nothing").isEqualTo(300);

        SerializerChecks.roundTrip(OpenWindowsSerializer.INSTANCE, OpenWindows.empty());
        SerializerChecks.snapshotRestores(OpenWindowsSerializer.INSTANCE);
    }

    @Test
    void theClassesNameTheirSerializers() {
        assertThat(TypeInformation.of(PartialCounts.class)).isInstanceOf(SerializerTypeInfo.class);
        assertThat(TypeInformation.of(MetricRow.class)).isInstanceOf(SerializerTypeInfo.class);
        assertThat(TypeInformation.of(OpenWindows.class)).isInstanceOf(SerializerTypeInfo.class);
    }
}
