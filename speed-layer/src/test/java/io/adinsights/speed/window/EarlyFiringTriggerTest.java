package io.adinsights.speed.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import java.time.Duration;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The minute window as the job builds it: early firings, the watermark and allowed-late data all emit totals. */
class EarlyFiringTriggerTest {

    private static final long MINUTE = 60_000;
    private static final long T = 1_800_000_000_000L - 1_800_000_000_000L % MINUTE;
    private static final long L = Duration.ofMinutes(10).toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, PartialCounts, MetricRow> harness;

    @BeforeEach
    void open() throws Exception {
        WindowOperatorBuilder<PartialCounts, String, TimeWindow> builder = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(Duration.ofMinutes(1)), new EarlyFiringTrigger(Duration.ofSeconds(2)),
                new ExecutionConfig(), TypeInformation.of(PartialCounts.class), PartialCounts::rowKey, Types.STRING);
        builder.allowedLateness(Duration.ofMillis(L));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(builder.aggregate(new SumPartials(),
                new EmitMetricRow(Granularity.MINUTE), TypeInformation.of(PartialCounts.class)),
                PartialCounts::rowKey, Types.STRING);
        harness.open();
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void impressions(long count) throws Exception {
        PartialCounts partial = PartialCounts.of(MetricTable.Level.CAMPAIGN, "cmp-1", null, T);
        partial.impressions = count;
        harness.processElement(partial, T);
    }

    private long lastImpressions() {
        var rows = harness.extractOutputValues();
        return rows.get(rows.size() - 1).impressions;
    }

    @Test
    void firesTheWholeTotalEarlyAtTheWatermarkAndOnAllowedLateData() throws Exception {
        impressions(2);
        harness.setProcessingTime(1_999);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(2_000);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(lastImpressions()).isEqualTo(2);

        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues()).as("no new data, no early firing").hasSize(1);

        impressions(3);
        harness.setProcessingTime(12_000);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(lastImpressions()).as("the whole total, not the increment").isEqualTo(5);

        impressions(1);
        harness.processWatermark(T + MINUTE - 1);
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(lastImpressions()).isEqualTo(6);
        harness.setProcessingTime(20_000);
        assertThat(harness.extractOutputValues()).as("the early firing was cancelled by the final one").hasSize(3);

        impressions(4);
        assertThat(harness.extractOutputValues()).hasSize(4);
        assertThat(lastImpressions()).as("allowed-late data fires the new whole total at once").isEqualTo(10);
        MetricRow row = harness.extractOutputValues().get(3);
        assertThat(row.table).isEqualTo(MetricTable.CAMPAIGN_BY_MINUTE);
        assertThat(row.bucketStart).isEqualTo(T);

        harness.processWatermark(T + MINUTE - 1 + L);
        impressions(7);
        assertThat(harness.extractOutputValues()).as("beyond the allowed lateness the window is gone").hasSize(4);
    }

    @Test
    void theWatermarkDoesNotRepeatATotalAnEarlyFiringEmittedAfterTheLastElement() throws Exception {
        impressions(2);
        harness.setProcessingTime(2_000);
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.processWatermark(T + MINUTE - 1);
        assertThat(harness.extractOutputValues()).as("the stored total is already the final one").hasSize(1);

        impressions(1);
        assertThat(harness.extractOutputValues()).as("allowed-late data still fires").hasSize(2);
        assertThat(lastImpressions()).isEqualTo(3);
    }
}
