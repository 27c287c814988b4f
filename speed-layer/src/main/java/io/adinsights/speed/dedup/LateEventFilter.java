package io.adinsights.speed.dedup;

import static java.util.Objects.requireNonNull;

import io.adinsights.speed.parse.ParsedEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Decides lateness once, right after dedup: an event is late iff {@code eventTime + L <= currentWatermark}. Late
 * events go to a side output and are counted by the batch layer only. Deciding here, before attribution and the
 * windows, keeps the minute and hour tables consistent and keeps a late click from crediting baskets.
 *
 * <p>Watermarks are not part of Flink's checkpoints: after a restart the watermark starts from nothing, and a
 * replayed late event would count (and its upsert would overwrite a final total with a partial one). So the filter
 * checkpoints the watermark it has received and decides with at least that one after a restore.
 */
public final class LateEventFilter extends AbstractStreamOperator<ParsedEvent>
        implements OneInputStreamOperator<ParsedEvent, ParsedEvent> {

    public static final OutputTag<ParsedEvent> LATE_EVENTS =
            new OutputTag<>("late-events", TypeInformation.of(ParsedEvent.class));

    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;
    private transient Counter lateEvents;
    private transient ListState<Long> checkpointedWatermark;
    private transient long watermark;

    public LateEventFilter(Duration allowedLateness) {
        this.allowedLatenessMillis = requireNonNull(allowedLateness, "allowedLateness is null").toMillis();
        // A custom operator starts a new task by default: chained to dedup, events skip a network hop.
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointedWatermark = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("watermark", Types.LONG));
        // Union state: every subtask gets all values; the lowest is one every subtask had reached.
        watermark = Long.MIN_VALUE;
        long restored = Long.MAX_VALUE;
        for (Long value : checkpointedWatermark.get()) {
            restored = Math.min(restored, value);
            watermark = restored;
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        lateEvents = getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(StreamRecord<ParsedEvent> element) {
        ParsedEvent event = element.getValue();
        if (isLate(event.eventTime, watermark)) {
            lateEvents.inc();
            output.collect(LATE_EVENTS, element);
        } else {
            output.collect(element);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointedWatermark.update(List.of(watermark));
    }

    boolean isLate(long eventTime, long currentWatermark) {
        // Long.MIN_VALUE watermark (none yet): nothing is late; guard the addition against overflow.
        return currentWatermark != Long.MIN_VALUE && eventTime + allowedLatenessMillis <= currentWatermark;
    }
}
