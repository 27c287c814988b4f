package io.adinsights.speed.window;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires an event-time window early, at most {@code interval} of processing time after new data arrived, then at the
 * watermark unless nothing arrived since the last early firing, then on every allowed-late element. It only ever
 * FIREs (never purges before the window is cleaned up), so every emission is the whole window total so far, and a
 * store of upserts ends with the final total.
 */
public final class EarlyFiringTrigger extends Trigger<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long intervalMillis;
    private final ValueStateDescriptor<Long> earlyFireDescriptor =
            new ValueStateDescriptor<>("early-fire-at", Types.LONG);

    public EarlyFiringTrigger(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("Invalid early-fire interval: " + interval + " (must be > 0)");
        }
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext context)
            throws Exception {
        if (window.maxTimestamp() <= context.getCurrentWatermark()) {
            return TriggerResult.FIRE;
        }
        ValueState<Long> earlyFireAt = context.getPartitionedState(earlyFireDescriptor);
        if (earlyFireAt.value() == null) {
            // The first element since the last firing: only then are timers registered, not for every element
            // (each registration costs a state write). The watermark timer is idempotent; it was already set
            // unless this is the window's first element.
            context.registerEventTimeTimer(window.maxTimestamp());
            long at = context.getCurrentProcessingTime() + intervalMillis;
            context.registerProcessingTimeTimer(at);
            earlyFireAt.update(at);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext context) throws Exception {
        context.getPartitionedState(earlyFireDescriptor).clear();
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext context) throws Exception {
        // No early firing pending: an early firing emitted the total after the window's last element, so firing
        // again would write the same total once more (in a catch-up, most minute windows end that way).
        if (time != window.maxTimestamp() || !cancelEarlyFire(context)) {
            return TriggerResult.CONTINUE;
        }
        return TriggerResult.FIRE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext context) throws Exception {
        context.deleteEventTimeTimer(window.maxTimestamp());
        cancelEarlyFire(context);
    }

    /** Whether an early firing was pending: data arrived since the window last fired. */
    private boolean cancelEarlyFire(TriggerContext context) throws Exception {
        ValueState<Long> earlyFireAt = context.getPartitionedState(earlyFireDescriptor);
        Long at = earlyFireAt.value();
        if (at == null) {
            return false;
        }
        context.deleteProcessingTimeTimer(at);
        earlyFireAt.clear();
        return true;
    }

    @Override
    public String toString() {
        return "EarlyFiringTrigger(" + intervalMillis + " ms)";
    }
}
