package io.adinsights.speed.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.cql.MetricTable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Early firings, the watermark and allowed-late data all emit whole totals of the minute and the hour window. */
class MetricWindowsTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long T = 1_800_000_000_000L - 1_800_000_000_000L % HOUR;
    private static final long L = Duration.ofMinutes(10).toMillis();
    private static final Duration EARLY = Duration.ofSeconds(2);

    private KeyedOneInputStreamOperatorTestHarness<String, PartialCounts, MetricRow> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness();
        harness.open();
        harness.setProcessingTime(0);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PartialCounts, MetricRow> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MetricWindows(Duration.ofMillis(L), EARLY)), PartialCounts::rowKey,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void impressions(long minute, long count) throws Exception {
        impressions(harness, "cmp-1", minute, count);
    }

    private static void impressions(KeyedOneInputStreamOperatorTestHarness<String, PartialCounts, MetricRow> harness,
            String campaign, long minute, long count) throws Exception {
        PartialCounts partial = PartialCounts.of(MetricTable.Level.CAMPAIGN, campaign, null, minute);
        partial.impressions = count;
        harness.processElement(partial, minute);
    }

    private List<MetricRow> rows() {
        return harness.extractOutputValues();
    }

    private static MetricRow row(MetricTable table, long bucketStart, long impressions) {
        MetricRow row = new MetricRow();
        row.table = table;
        row.campaignId = "cmp-1";
        row.bucketStart = bucketStart;
        row.impressions = impressions;
        return row;
    }

    @Test
    void firesTheWholeTotalEarlyAtTheWatermarkAndOnAllowedLateData() throws Exception {
        impressions(T, 2);
        harness.setProcessingTime(1_999);
        assertThat(rows()).isEmpty();
        harness.setProcessingTime(2_000);
        assertThat(rows()).containsExactlyInAnyOrder(row(MetricTable.CAMPAIGN_BY_MINUTE, T, 2),
                row(MetricTable.CAMPAIGN_BY_HOUR, T, 2));

        harness.setProcessingTime(10_000);
        assertThat(rows()).as("no new data, no early firing").hasSize(2);

        impressions(T, 3);
        harness.setProcessingTime(12_000);
        assertThat(rows()).as("the whole totals, not the increments").hasSize(4)
                .endsWith(row(MetricTable.CAMPAIGN_BY_MINUTE, T, 5), row(MetricTable.CAMPAIGN_BY_HOUR, T, 5));

        impressions(T, 1);
        harness.processWatermark(T + MINUTE - 1);
        assertThat(rows()).as("the minute's final firing; the hour is still open").hasSize(5)
                .endsWith(row(MetricTable.CAMPAIGN_BY_MINUTE, T, 6));
        Object[] output = harness.getOutput().toArray();
        assertThat(output[output.length - 1]).as("totals precede the watermark").isEqualTo(
                new Watermark(T + MINUTE - 1));
        harness.setProcessingTime(14_000);
        assertThat(rows()).as("the early firing of the hour, pending since the last element").hasSize(6)
                .endsWith(row(MetricTable.CAMPAIGN_BY_HOUR, T, 6));
        harness.setProcessingTime(20_000);
        assertThat(rows()).hasSize(6);

        impressions(T, 4);
        assertThat(rows()).as("allowed-late data fires the minute's new whole total at once").hasSize(7)
                .endsWith(row(MetricTable.CAMPAIGN_BY_MINUTE, T, 10));
        harness.setProcessingTime(22_000);
        assertThat(rows()).as("the open hour fires early").hasSize(8)
                .endsWith(row(MetricTable.CAMPAIGN_BY_HOUR, T, 10));

        harness.processWatermark(T + MINUTE - 1 + L);
        impressions(T, 7);
        harness.setProcessingTime(30_000);
        assertThat(rows()).as("beyond the allowed lateness the minute is gone, the hour still counts").hasSize(9)
                .endsWith(row(MetricTable.CAMPAIGN_BY_HOUR, T, 17));
    }

    @Test
    void theWatermarkDoesNotRepeatATotalAnEarlyFiringEmittedAfterTheLastElement() throws Exception {
        long lastMinute = T + HOUR - MINUTE;
        impressions(lastMinute, 2);
        harness.setProcessingTime(2_000);
        assertThat(rows()).hasSize(2);

        harness.processWatermark(T + HOUR - 1);
        assertThat(rows()).as("the stored totals are already the final ones").hasSize(2);
        harness.setProcessingTime(10_000);
        assertThat(rows()).hasSize(2);

        impressions(lastMinute, 1);
        assertThat(rows()).as("allowed-late data still fires, minute and hour").hasSize(4)
                .endsWith(row(MetricTable.CAMPAIGN_BY_MINUTE, lastMinute, 3), row(MetricTable.CAMPAIGN_BY_HOUR, T, 3));
        harness.setProcessingTime(20_000);
        assertThat(rows()).as("no early firing for closed windows").hasSize(4);
    }

    @Test
    void theWatermarkCancelsThePendingEarlyFiringAndFiresOnce() throws Exception {
        impressions(T, 2);
        harness.processWatermark(T + HOUR - 1);
        assertThat(rows()).containsExactlyInAnyOrder(row(MetricTable.CAMPAIGN_BY_MINUTE, T, 2),
                row(MetricTable.CAMPAIGN_BY_HOUR, T, 2));
        assertThat(harness.numProcessingTimeTimers()).isZero();
        harness.setProcessingTime(10_000);
        assertThat(rows()).hasSize(2);
    }

    @Test
    void firesEachWindowAnIntervalAfterItsOwnFirstDataWithOneTimerPerRow() throws Exception {
        impressions(T, 1);
        harness.setProcessingTime(1_000);
        impressions(T + MINUTE, 1);
        assertThat(harness.numProcessingTimeTimers()).as("one timer per row").isEqualTo(1);
        harness.setProcessingTime(2_000);
        assertThat(rows()).containsExactlyInAnyOrder(row(MetricTable.CAMPAIGN_BY_MINUTE, T, 1),
                row(MetricTable.CAMPAIGN_BY_HOUR, T, 2));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        harness.setProcessingTime(2_999);
        assertThat(rows()).hasSize(2);
        harness.setProcessingTime(3_000);
        assertThat(rows()).hasSize(3).endsWith(row(MetricTable.CAMPAIGN_BY_MINUTE, T + MINUTE, 1));
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void keepsRowsApartAndDropsDataBeyondTheAllowedLateness() throws Exception {
        harness.processWatermark(T + HOUR - 1 + L);
        impressions(T, 1);
        assertThat(rows()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();

        impressions(harness, "cmp-2", T + HOUR, 4);
        impressions(T + HOUR, 1);
        harness.setProcessingTime(2_000);
        assertThat(rows()).extracting(row -> row.campaignId + "/" + row.table + "=" + row.impressions)
                .containsExactlyInAnyOrder("cmp-1/CAMPAIGN_BY_MINUTE=1", "cmp-1/CAMPAIGN_BY_HOUR=1",
                        "cmp-2/CAMPAIGN_BY_MINUTE=4", "cmp-2/CAMPAIGN_BY_HOUR=4");
    }

    @Test
    void cleansUpEveryWindowAndTimerAfterTheAllowedLateness() throws Exception {
        PartialCounts ad = PartialCounts.of(MetricTable.Level.AD, "cmp-1", "ad-1", T + 5 * MINUTE);
        ad.clicks = 1;
        ad.clickToBasket = 2;
        harness.processElement(ad, ad.minuteStart);
        PartialCounts unattributed = PartialCounts.of(MetricTable.Level.UNATTRIBUTED, null, null, T);
        unattributed.unattributedBaskets = 3;
        harness.processElement(unattributed, T);
        harness.processWatermark(T + HOUR - 1);
        assertThat(rows()).extracting(row -> row.table + " " + row.campaignId + "/" + row.adId + "@" + row.bucketStart
                + " " + row.clicks + "/" + row.clickToBasket + "/" + row.unattributedBaskets)
                .containsExactlyInAnyOrder(
                        "AD_BY_MINUTE cmp-1/ad-1@" + (T + 5 * MINUTE) + " 1/2/0",
                        "AD_BY_HOUR cmp-1/ad-1@" + T + " 1/2/0",
                        "UNATTRIBUTED_BY_MINUTE null/null@" + T + " 0/0/3",
                        "UNATTRIBUTED_BY_HOUR null/null@" + T + " 0/0/3");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(T + HOUR - 1 + L);
        assertThat(harness.numKeyedStateEntries()).as("state of both rows gone").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(rows()).as("cleanup emits nothing").hasSize(4);
    }

    @Test
    void restoresOpenWindowsTheirTimersAndThePendingEarlyFiring() throws Exception {
        impressions(T, 2);
        harness.setProcessingTime(2_000);
        impressions(T, 3);
        OperatorSubtaskState snapshot = harness.snapshot(1, 2_500);
        harness.close();

        harness = harness();
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(4_000);
        assertThat(rows()).containsExactlyInAnyOrder(row(MetricTable.CAMPAIGN_BY_MINUTE, T, 5),
                row(MetricTable.CAMPAIGN_BY_HOUR, T, 5));
        harness.processWatermark(T + HOUR - 1 + L);
        assertThat(rows()).hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void withoutAllowedLatenessFiresAtTheEndAndCleansUpAtOnce() throws Exception {
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MetricWindows(Duration.ZERO, EARLY)), PartialCounts::rowKey,
                Types.STRING);
        harness.open();
        impressions(T + HOUR - MINUTE, 2);
        harness.processWatermark(T + HOUR - 1);
        assertThat(rows()).containsExactlyInAnyOrder(row(MetricTable.CAMPAIGN_BY_MINUTE, T + HOUR - MINUTE, 2),
                row(MetricTable.CAMPAIGN_BY_HOUR, T, 2));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        impressions(T + HOUR - MINUTE, 1);
        assertThat(rows()).as("late at once").hasSize(2);
    }
}
