package io.adinsights.speed.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.speed.parse.ParsedEvent;
import java.time.Duration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LateEventFilterTest {

    private static final long L = Duration.ofMinutes(10).toMillis();

    @Test
    void anEventIsLateWhenItsTimePlusTheAllowedLatenessIsNotAfterTheWatermark() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                new LateEventFilter(Duration.ofMillis(L)))) {
            harness.open();
            long watermark = 100 * L;
            ParsedEvent beforeAnyWatermark = ParsedEvent.impression("e0", 0, "cmp-1", "ad-1");
            harness.processElement(beforeAnyWatermark, 0);
            harness.processWatermark(watermark);
            ParsedEvent exactlyLate = ParsedEvent.impression("e1", watermark - L, "cmp-1", "ad-1");
            ParsedEvent justOnTime = ParsedEvent.impression("e2", watermark - L + 1, "cmp-1", "ad-1");
            harness.processElement(exactlyLate, exactlyLate.eventTime);
            harness.processElement(justOnTime, justOnTime.eventTime);

            assertThat(harness.extractOutputValues()).containsExactly(beforeAnyWatermark, justOnTime);
            assertThat(harness.getSideOutput(LateEventFilter.LATE_EVENTS)).extracting(StreamRecord::getValue)
                    .containsExactly(exactlyLate);
        }
    }

    @Test
    void aRestoredFilterDecidesWithTheCheckpointedWatermarkBeforeAnyNewOne() throws Exception {
        long watermark = 100 * L;
        OperatorSubtaskState snapshot;
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                new LateEventFilter(Duration.ofMillis(L)))) {
            harness.open();
            harness.processElement(ParsedEvent.impression("e0", watermark, "cmp-1", "ad-1"), watermark);
            // A watermark with no element after it must be saved too.
            harness.processWatermark(watermark);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = new OneInputStreamOperatorTestHarness<>(
                new LateEventFilter(Duration.ofMillis(L)))) {
            restored.initializeState(snapshot);
            restored.open();
            ParsedEvent replayedLate = ParsedEvent.impression("e1", watermark - L, "cmp-1", "ad-1");
            restored.processElement(replayedLate, replayedLate.eventTime);

            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(restored.getSideOutput(LateEventFilter.LATE_EVENTS)).extracting(StreamRecord::getValue)
                    .containsExactly(replayedLate);
        }
    }
}
