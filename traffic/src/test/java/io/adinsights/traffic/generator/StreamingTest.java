package io.adinsights.traffic.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Millions of deliveries stream through bounded buffers: nothing grows with the length of the scenario. */
class StreamingTest {

    private static final long EVENTS = 2_000_000;
    /** Rate times the longest delays of the LARGE size: a few thousand, whatever the number of events. */
    private static final int BUFFER_BOUND = 10_000;

    @Test
    void streamsMillionsOfDeliveriesInConstantMemory() {
        TrafficConfig config = TrafficConfig.messy().toBuilder().size(ScenarioSize.LARGE).events(EVENTS).build();
        DeliveryStream stream = new DeliveryStream(config);
        long deliveries = 0;
        int mostBuffered = 0;
        int mostBufferedInFirstHalf = 0;
        do {
            for (Delivery delivery = stream.nextInPhase(); delivery != null; delivery = stream.nextInPhase()) {
                deliveries++;
                mostBuffered = Math.max(mostBuffered, stream.bufferedItems());
                if (deliveries == EVENTS / 2) {
                    mostBufferedInFirstHalf = mostBuffered;
                }
            }
        } while (stream.startNextPhase());

        assertThat(deliveries).isGreaterThan(EVENTS);
        assertThat(mostBuffered).isLessThan(BUFFER_BOUND);
        assertThat(mostBuffered).as("buffers stop growing once the longest delays are covered")
                .isLessThan(mostBufferedInFirstHalf * 3 / 2);
    }
}
