package io.adinsights.speed.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.speed.attribution.Contribution;
import java.time.Duration;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PreAggregateContributionsTest {

    private static final long MINUTE = 60_000;
    private static final long T = 1_800_000_000_000L - 1_800_000_000_000L % MINUTE;

    private static PartialCounts partial(String campaignId, String adId, long minute, long impressions, long clicks,
            long clickToBasket) {
        PartialCounts partial = PartialCounts.of(adId == null ? MetricTable.Level.CAMPAIGN : MetricTable.Level.AD,
                campaignId, adId, minute);
        partial.impressions = impressions;
        partial.clicks = clicks;
        partial.clickToBasket = clickToBasket;
        return partial;
    }

    @Test
    void sumsPerAdItsCampaignAndMinuteAndFlushesBeforeForwardingTheWatermark() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new PreAggregateContributions(1_000))) {
            harness.open();
            harness.processElement(Contribution.of(Contribution.Kind.IMPRESSION, "c", "a", T + 1), T + 1);
            harness.processElement(Contribution.of(Contribution.Kind.IMPRESSION, "c", "a", T + 59_999), T + 59_999);
            harness.processElement(Contribution.of(Contribution.Kind.CLICK, "c", "a", T + 5), T + 5);
            harness.processElement(Contribution.of(Contribution.Kind.IMPRESSION, "c", "b", T + 2), T + 2);
            harness.processElement(Contribution.of(Contribution.Kind.ATTRIBUTED_BASKET, "c", "a", T + MINUTE),
                    T + MINUTE);
            harness.processElement(Contribution.unattributed(T + 7), T + 7);
            assertThat(harness.getOutput()).isEmpty();

            harness.processWatermark(T + MINUTE);

            PartialCounts unattributed = PartialCounts.of(MetricTable.Level.UNATTRIBUTED, null, null, T);
            unattributed.unattributedBaskets = 1;
            Object[] output = harness.getOutput().toArray();
            assertThat(output).hasSize(7);
            assertThat(output[6]).isEqualTo(new Watermark(T + MINUTE));
            assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(
                    partial("c", "a", T, 2, 1, 0), partial("c", "b", T, 1, 0, 0), partial("c", null, T, 3, 1, 0),
                    partial("c", "a", T + MINUTE, 0, 0, 1), partial("c", null, T + MINUTE, 0, 0, 1), unattributed);
            assertThat(harness.extractOutputStreamRecords()).extracting(StreamRecord::getTimestamp)
                    .containsExactlyInAnyOrder(T, T, T, T + MINUTE, T + MINUTE, T);
        }
    }

    @Test
    void forwardsAWatermarkThatClosesNoBufferedMinuteWithoutFlushing() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new PreAggregateContributions(1_000,
                Duration.ofHours(1)))) {
            harness.open();
            harness.processElement(Contribution.of(Contribution.Kind.IMPRESSION, "c", "a", T + 30_000), T + 30_000);
            harness.processWatermark(T + 40_000);

            // Behind the watermark but still on time: the minute's window ends at T + 59 999.
            assertThat(harness.getOutput()).containsExactly(new Watermark(T + 40_000));

            harness.processElement(Contribution.of(Contribution.Kind.IMPRESSION, "c", "a", T + 50_000), T + 50_000);
            harness.processWatermark(T + MINUTE - 1);

            assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(partial("c", "a", T, 2, 0, 0),
                    partial("c", null, T, 2, 0, 0));
            assertThat(harness.getOutput().toArray()[3]).isEqualTo(new Watermark(T + MINUTE - 1));
        }
    }

    @Test
    void flushesEveryIntervalOfProcessingTimeSoThatTotalsStayFresh() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new PreAggregateContributions(1_000,
                Duration.ofMillis(200)))) {
            harness.setProcessingTime(0);
            harness.open();
            harness.processElement(Contribution.of(Contribution.Kind.CLICK, "c", "a", T), T);
            harness.setProcessingTime(199);
            assertThat(harness.getOutput()).isEmpty();

            harness.setProcessingTime(200);
            assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(partial("c", "a", T, 0, 1, 0),
                    partial("c", null, T, 0, 1, 0));

            harness.processElement(Contribution.of(Contribution.Kind.CLICK, "c", "a", T), T);
            harness.setProcessingTime(400);
            assertThat(harness.extractOutputValues()).hasSize(4);
        }
    }

    @Test
    void flushesBeforeACheckpointBarrierSoThatNothingIsBufferedAcrossIt() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new PreAggregateContributions(1_000))) {
            harness.open();
            harness.processElement(Contribution.of(Contribution.Kind.IMPRESSION, "c", "a", T), T);
            harness.prepareSnapshotPreBarrier(1);

            assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(partial("c", "a", T, 1, 0, 0),
                    partial("c", null, T, 1, 0, 0));
        }
    }

    @Test
    void flushesWhenTheMapIsFull() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new PreAggregateContributions(3))) {
            harness.open();
            harness.processElement(Contribution.of(Contribution.Kind.IMPRESSION, "c", "a", T), T);
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.processElement(Contribution.of(Contribution.Kind.IMPRESSION, "c", "b", T), T);

            assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(partial("c", "a", T, 1, 0, 0),
                    partial("c", "b", T, 1, 0, 0), partial("c", null, T, 2, 0, 0));
        }
    }
}
