package io.adinsights.speed.source;

import io.adinsights.speed.parse.IngestedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks per source split (Kafka partition, Kinesis shard): bounded out-of-orderness over the event time of
 * valid events, with idleness so that a quiet split does not hold back the others.
 */
public final class EventTimeWatermarks {

    private EventTimeWatermarks() {
    }

    public static WatermarkStrategy<IngestedRecord> of(Duration bound, Duration idleness) {
        return WatermarkStrategy.<IngestedRecord>forBoundedOutOfOrderness(bound)
                .withTimestampAssigner((record, sourceTimestamp) -> eventTime(record))
                .withIdleness(idleness);
    }

    /** Dead letters have no event time: Long.MIN_VALUE never moves a bounded out-of-orderness watermark. */
    static long eventTime(IngestedRecord record) {
        return record.isValid() ? record.event.eventTime : Long.MIN_VALUE;
    }
}
