package io.adinsights.speed.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.rules.AttributionWindow;
import io.adinsights.speed.parse.ParsedEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttributeBasketsTest {

    private static final long W = Duration.ofHours(1).toMillis();
    private static final long L = Duration.ofMinutes(10).toMillis();
    private static final long T = 1_800_000_000_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, ParsedEvent, Contribution> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new AttributeBaskets(
                new AttributionWindow(Duration.ofMillis(W)), Duration.ofMillis(L), Duration.ofHours(24))),
                ParsedEvent::attributionKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(ParsedEvent event) throws Exception {
        harness.processElement(event, event.eventTime);
    }

    private static Contribution click(long time) {
        return Contribution.of(Contribution.Kind.CLICK, "cmp-1", "ad-1", time);
    }

    private static Contribution attributed(long basketTime) {
        return Contribution.of(Contribution.Kind.ATTRIBUTED_BASKET, "cmp-1", "ad-1", basketTime);
    }

    @Test
    void basketsAfterTheirClickAreAttributedUpToExactlyW() throws Exception {
        send(ParsedEvent.click("c1", T, "cmp-1", "ad-1"));
        send(ParsedEvent.basket("b0", T, "c1"));
        send(ParsedEvent.basket("b1", T + W, "c1"));
        send(ParsedEvent.basket("b2", T + W + 1, "c1"));
        send(ParsedEvent.basket("b3", T - 1, "c1"));

        assertThat(harness.extractOutputValues()).containsExactly(click(T), attributed(T), attributed(T + W),
                Contribution.unattributed(T + W + 1), Contribution.unattributed(T - 1));
    }

    @Test
    void aBasketBeforeItsClickIsAttributedWhenTheClickArrives() throws Exception {
        send(ParsedEvent.basket("b1", T + 1_000, "c1"));
        assertThat(harness.extractOutputValues()).isEmpty();
        send(ParsedEvent.click("c1", T, "cmp-1", "ad-1"));

        assertThat(harness.extractOutputValues()).containsExactly(click(T), attributed(T + 1_000));
        harness.processWatermark(T + 1_000 + L);
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void aBasketWithoutAClickIsUnattributedWhenTheWatermarkPassesItsTimePlusL() throws Exception {
        send(ParsedEvent.basket("b1", T, "never-sent"));
        send(ParsedEvent.basket("b2", T, "never-sent"));
        harness.processWatermark(T + L - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(T + L);

        assertThat(harness.extractOutputValues()).containsExactly(Contribution.unattributed(T),
                Contribution.unattributed(T));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aBasketNamingAnImpressionIsUnattributed() throws Exception {
        // Impressions bypass attribution: the key of an impression's id never sees a click.
        send(ParsedEvent.basket("b1", T, "impression-1"));
        harness.processWatermark(T + L);

        assertThat(harness.extractOutputValues()).containsExactly(Contribution.unattributed(T));
    }

    @Test
    void theClickIsForgottenAfterWPlusL() throws Exception {
        send(ParsedEvent.click("c1", T, "cmp-1", "ad-1"));
        harness.processWatermark(T + W + L - 1);
        send(ParsedEvent.basket("b1", T + W, "c1"));
        harness.processWatermark(T + W + L);
        assertThat(harness.numKeyedStateEntries()).isZero();

        assertThat(harness.extractOutputValues()).containsExactly(click(T), attributed(T + W));
    }
}
