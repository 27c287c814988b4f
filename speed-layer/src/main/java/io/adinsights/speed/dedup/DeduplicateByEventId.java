package io.adinsights.speed.dedup;

import static java.util.Objects.requireNonNull;

import io.adinsights.speed.parse.ParsedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@link io.adinsights.schemas.rules.DedupKey} (the eventId): the first copy of an event goes on, later
 * copies are dropped and counted. The seen-flag expires after a TTL (default 24 h), far beyond producer retries.
 */
public final class DeduplicateByEventId extends KeyedProcessFunction<String, ParsedEvent, ParsedEvent> {

    private static final long serialVersionUID = 1L;

    private final Duration ttl;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;

    public DeduplicateByEventId(Duration ttl) {
        this.ttl = requireNonNull(ttl, "ttl is null");
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
        // Written once per id, never read after expiry: a replay of an id older than the TTL counts again.
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
    }

    @Override
    public void processElement(ParsedEvent event, Context context, Collector<ParsedEvent> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(event);
    }
}
