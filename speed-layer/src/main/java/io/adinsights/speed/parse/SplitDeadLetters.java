package io.adinsights.speed.parse;

import io.adinsights.schemas.event.EventType;
import io.adinsights.schemas.validation.RejectionReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Valid events go on; records that are not valid events go to the dead-letter side output, never dropped silently.
 * Counts events in by type and dead letters by reason.
 */
public final class SplitDeadLetters extends ProcessFunction<IngestedRecord, ParsedEvent> {

    public static final OutputTag<IngestedRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(IngestedRecord.class));

    private static final long serialVersionUID = 1L;

    private transient Map<EventType, Counter> eventsIn;
    private transient Map<RejectionReason, Counter> deadLetters;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup();
        eventsIn = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            eventsIn.put(type, group.addGroup("eventType", type.wireName()).counter("eventsIn"));
        }
        deadLetters = new EnumMap<>(RejectionReason.class);
        for (RejectionReason reason : RejectionReason.values()) {
            deadLetters.put(reason, group.addGroup("reason", reason.code()).counter("deadLetters"));
        }
    }

    @Override
    public void processElement(IngestedRecord record, Context context, Collector<ParsedEvent> out) {
        if (record.isValid()) {
            eventsIn.get(record.event.eventType).inc();
            out.collect(record.event);
        } else {
            deadLetters.get(RejectionReason.valueOf(record.rejectionReason)).inc();
            context.output(DEAD_LETTERS, record);
        }
    }
}
