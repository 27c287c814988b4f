package io.adinsights.speed.window;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Tumbling UTC 1-minute and 1-hour event-time windows of one metric row (keyed by {@link PartialCounts#rowKey}),
 * with allowed lateness L and early results; every emission is the window's whole total, so a store of upserts ends
 * with the final one.
 *
 * <ul>
 *   <li>Early: {@code earlyFireInterval} of processing time after the first data since the window last fired.</li>
 *   <li>At the watermark passing the window's end, unless nothing arrived since the last early firing (which then
 *       already emitted the final total).</li>
 *   <li>On every allowed-late partial at once; a partial of a window whose end plus L the watermark has reached is
 *       dropped, and the window's state is gone then.</li>
 * </ul>
 *
 * <p>One state value per row holds all its open windows; a row has one processing-time timer at a time (its earliest
 * early firing), and a window one event-time timer for its end and one for its cleanup, registered when it opens.
 * Flink's window operator, by contrast, costs several state accesses and timer registrations per element and per
 * window size.
 */
public final class MetricWindows extends KeyedProcessFunction<String, PartialCounts, MetricRow> {

    private static final long serialVersionUID = 1L;
    private static final Granularity[] SIZES = {Granularity.MINUTE, Granularity.HOUR};

    private final long allowedLatenessMillis;
    private final long earlyFireIntervalMillis;
    private transient ValueState<OpenWindows> state;

    public MetricWindows(Duration allowedLateness, Duration earlyFireInterval) {
        requireNonNull(allowedLateness, "allowedLateness is null");
        requireNonNull(earlyFireInterval, "earlyFireInterval is null");
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("Invalid allowed lateness: " + allowedLateness + " (must be >= 0)");
        }
        if (earlyFireInterval.isNegative() || earlyFireInterval.isZero()) {
            throw new IllegalArgumentException("Invalid early-fire interval: " + earlyFireInterval
                    + " (must be > 0)");
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.earlyFireIntervalMillis = earlyFireInterval.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("open-windows",
                TypeInformation.of(OpenWindows.class)));
    }

    @Override
    public void processElement(PartialCounts partial, Context context, Collector<MetricRow> out) throws Exception {
        TimerService timers = context.timerService();
        long watermark = timers.currentWatermark();
        OpenWindows row = state.value();
        if (row == null) {
            row = OpenWindows.empty();
        }
        boolean changed = false;
        for (Granularity size : SIZES) {
            long start = size.bucketStart(Instant.ofEpochMilli(partial.minuteStart)).toEpochMilli();
            OpenWindows.Window window = row.find(size, start);
            if (window == null) {
                window = new OpenWindows.Window(size, start);
                long cleanup = cleanupTime(window);
                if (cleanup <= watermark) {
                    // Beyond the allowed lateness: dropped, as Flink's window operator drops it.
                    continue;
                }
                row.windows.add(window);
                if (window.maxTimestamp() > watermark) {
                    timers.registerEventTimeTimer(window.maxTimestamp());
                }
                if (cleanup != Long.MAX_VALUE) {
                    timers.registerEventTimeTimer(cleanup);
                }
            } else if (cleanupTime(window) <= watermark) {
                continue;
            }
            window.total.add(partial);
            changed = true;
            if (window.maxTimestamp() <= watermark) {
                emit(partial, window, out);
            } else if (!window.pending()) {
                window.earlyFireAt = timers.currentProcessingTime() + earlyFireIntervalMillis;
                if (row.earlyFireAt == OpenWindows.NO_EARLY_FIRING) {
                    // No window of the row was pending: no timer yet, and none fires earlier than this one.
                    row.earlyFireAt = window.earlyFireAt;
                    timers.registerProcessingTimeTimer(row.earlyFireAt);
                }
            }
        }
        if (changed) {
            state.update(row);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<MetricRow> out) throws Exception {
        OpenWindows row = state.value();
        if (row == null) {
            return;
        }
        TimerService timers = context.timerService();
        PartialCounts id = PartialCounts.ofRowKey(context.getCurrentKey(), 0);
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            // Each window fires an interval after its own first data; the timer then moves to the next one due.
            long next = OpenWindows.NO_EARLY_FIRING;
            for (OpenWindows.Window window : row.windows) {
                if (window.pending() && window.earlyFireAt <= timestamp) {
                    emit(id, window, out);
                } else if (window.pending() && (next == OpenWindows.NO_EARLY_FIRING || window.earlyFireAt < next)) {
                    next = window.earlyFireAt;
                }
            }
            row.earlyFireAt = next;
            if (next != OpenWindows.NO_EARLY_FIRING) {
                timers.registerProcessingTimeTimer(next);
            }
            state.update(row);
            return;
        }
        // Every window the watermark has closed or cleared, also those whose own timers come later in this
        // watermark: they then find nothing left to do.
        long watermark = timers.currentWatermark();
        boolean pending = false;
        for (Iterator<OpenWindows.Window> windows = row.windows.iterator(); windows.hasNext(); ) {
            OpenWindows.Window window = windows.next();
            if (window.pending() && window.maxTimestamp() <= watermark) {
                emit(id, window, out);
            }
            if (cleanupTime(window) <= watermark) {
                windows.remove();
            }
            pending |= window.pending();
        }
        if (!pending && row.earlyFireAt != OpenWindows.NO_EARLY_FIRING) {
            timers.deleteProcessingTimeTimer(row.earlyFireAt);
            row.earlyFireAt = OpenWindows.NO_EARLY_FIRING;
        }
        if (row.windows.isEmpty()) {
            state.clear();
        } else {
            state.update(row);
        }
    }

    /** Emits the window's whole total as the row of {@code id}'s level and ids; it is not pending any more. */
    private static void emit(PartialCounts id, OpenWindows.Window window, Collector<MetricRow> out) {
        window.earlyFireAt = OpenWindows.NO_EARLY_FIRING;
        out.collect(MetricRow.of(MetricTable.of(window.granularity, id.level), id.campaignId, id.adId, window.start,
                window.total));
    }

    /** When the window's state goes: its end plus L, or never if that overflows (as in Flink's window operator). */
    private long cleanupTime(OpenWindows.Window window) {
        long cleanup = window.maxTimestamp() + allowedLatenessMillis;
        return cleanup >= window.maxTimestamp() ? cleanup : Long.MAX_VALUE;
    }
}
