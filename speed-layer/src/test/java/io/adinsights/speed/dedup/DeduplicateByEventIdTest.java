package io.adinsights.speed.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.speed.parse.ParsedEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicateByEventIdTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, ParsedEvent, ParsedEvent> harness(Duration ttl)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ParsedEvent, ParsedEvent> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DeduplicateByEventId(ttl)),
                        event -> event.eventId, Types.STRING);
        harness.open();
        return harness;
    }

    @Test
    void theFirstCopyWinsAndLaterCopiesAreDropped() throws Exception {
        try (var harness = harness(Duration.ofHours(24))) {
            ParsedEvent first = ParsedEvent.impression("e1", 1_000, "cmp-1", "ad-1");
            ParsedEvent differentCopy = ParsedEvent.click("e1", 2_000, "cmp-2", "ad-2");
            ParsedEvent other = ParsedEvent.impression("e2", 1_500, "cmp-1", "ad-1");

            harness.processElement(first, 1_000);
            harness.processElement(differentCopy, 2_000);
            harness.processElement(other, 1_500);
            harness.processElement(first, 1_000);

            assertThat(harness.extractOutputValues()).containsExactly(first, other);
        }
    }

    @Test
    void anIdCountsAgainOnlyAfterItsTtl() throws Exception {
        try (var harness = harness(Duration.ofMinutes(10))) {
            ParsedEvent event = ParsedEvent.impression("e1", 1_000, "cmp-1", "ad-1");
            harness.setStateTtlProcessingTime(0);
            harness.processElement(event, 1_000);
            harness.setStateTtlProcessingTime(Duration.ofMinutes(10).toMillis() - 1);
            harness.processElement(event, 1_000);
            harness.setStateTtlProcessingTime(Duration.ofMinutes(10).toMillis());
            harness.processElement(event, 1_000);

            assertThat(harness.extractOutputValues()).containsExactly(event, event);
        }
    }
}
