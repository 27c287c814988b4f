package io.adinsights.speed.attribution;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.rules.AttributionWindow;
import io.adinsights.speed.parse.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Brings clicks and baskets together, keyed by the click's eventId (a basket's clickId). Emits the click's own
 * contribution, and for every basket an attributed or unattributed one, by {@link AttributionWindow#attributes}.
 *
 * <p>A click is kept until {@code click + W + L}: an on-time basket it can credit is at most W after it and passes
 * the late filter only while the watermark is below its time plus L. A basket whose click is not known yet waits
 * until {@code basket + L}: after that no on-time click at or before the basket can arrive, so it is unattributed
 * (this covers baskets naming an impression, another basket, or nothing). Emitting at that timer is safe for the
 * windows downstream, since the element precedes the watermark that fired the timer.
 */
public final class AttributeBaskets extends KeyedProcessFunction<String, ParsedEvent, Contribution> {

    private static final long serialVersionUID = 1L;

    private final AttributionWindow window;
    private final long allowedLatenessMillis;
    private final Duration stateTtl;
    private transient ValueState<ParsedEvent> click;
    private transient MapState<Long, Integer> pendingBaskets;
    private transient Counter unattributedBaskets;

    public AttributeBaskets(AttributionWindow window, Duration allowedLateness, Duration stateTtl) {
        this.window = requireNonNull(window, "window is null");
        this.allowedLatenessMillis = requireNonNull(allowedLateness, "allowedLateness is null").toMillis();
        this.stateTtl = requireNonNull(stateTtl, "stateTtl is null");
    }

    @Override
    public void open(OpenContext openContext) {
        // Event-time timers clear both states; the TTL is a backstop against keys whose timers never fire.
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        ValueStateDescriptor<ParsedEvent> clickDescriptor = new ValueStateDescriptor<>("click", ParsedEvent.POJO_TYPE);
        clickDescriptor.enableTimeToLive(ttl);
        click = getRuntimeContext().getState(clickDescriptor);
        MapStateDescriptor<Long, Integer> basketsDescriptor =
                new MapStateDescriptor<>("pending-baskets", Types.LONG, Types.INT);
        basketsDescriptor.enableTimeToLive(ttl);
        pendingBaskets = getRuntimeContext().getMapState(basketsDescriptor);
        unattributedBaskets = getRuntimeContext().getMetricGroup().counter("unattributedBaskets");
    }

    @Override
    public void processElement(ParsedEvent event, Context context, Collector<Contribution> out) throws Exception {
        if (event.eventType == EventType.CLICK) {
            onClick(event, context, out);
        } else if (event.eventType == EventType.ADD_TO_BASKET) {
            onBasket(event.eventTime, context, out);
        } else {
            throw new IllegalArgumentException("Not a click or basket: " + event);
        }
    }

    private void onClick(ParsedEvent event, Context context, Collector<Contribution> out) throws Exception {
        click.update(event);
        out.collect(Contribution.of(Contribution.Kind.CLICK, event.campaignId, event.adId, event.eventTime));
        List<Map.Entry<Long, Integer>> waiting = new ArrayList<>();
        pendingBaskets.entries().forEach(waiting::add);
        for (Map.Entry<Long, Integer> basket : waiting) {
            for (int i = 0; i < basket.getValue(); i++) {
                emitBasket(event, basket.getKey(), out);
            }
            context.timerService().deleteEventTimeTimer(basket.getKey() + allowedLatenessMillis);
        }
        pendingBaskets.clear();
        context.timerService().registerEventTimeTimer(clickExpiry(event));
    }

    private void onBasket(long basketTime, Context context, Collector<Contribution> out) throws Exception {
        ParsedEvent known = click.value();
        if (known != null) {
            emitBasket(known, basketTime, out);
            return;
        }
        Integer count = pendingBaskets.get(basketTime);
        pendingBaskets.put(basketTime, count == null ? 1 : count + 1);
        context.timerService().registerEventTimeTimer(basketTime + allowedLatenessMillis);
    }

    private void emitBasket(ParsedEvent knownClick, long basketTime, Collector<Contribution> out) {
        if (window.attributes(Instant.ofEpochMilli(knownClick.eventTime), Instant.ofEpochMilli(basketTime))) {
            out.collect(Contribution.of(Contribution.Kind.ATTRIBUTED_BASKET, knownClick.campaignId, knownClick.adId,
                    basketTime));
        } else {
            unattributedBaskets.inc();
            out.collect(Contribution.unattributed(basketTime));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Contribution> out) throws Exception {
        long basketTime = timestamp - allowedLatenessMillis;
        Integer count = pendingBaskets.get(basketTime);
        if (count != null) {
            for (int i = 0; i < count; i++) {
                unattributedBaskets.inc();
                out.collect(Contribution.unattributed(basketTime));
            }
            pendingBaskets.remove(basketTime);
        }
        ParsedEvent known = click.value();
        if (known != null && clickExpiry(known) <= timestamp) {
            click.clear();
        }
    }

    private long clickExpiry(ParsedEvent knownClick) {
        return window.lastAttributableBasketTime(Instant.ofEpochMilli(knownClick.eventTime)).toEpochMilli()
                + allowedLatenessMillis;
    }
}
