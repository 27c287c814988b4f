package io.adinsights.speed.window;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a window's total into the row of the metric table of its granularity and level. */
public final class EmitMetricRow extends ProcessWindowFunction<PartialCounts, MetricRow, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final Granularity granularity;

    public EmitMetricRow(Granularity granularity) {
        this.granularity = requireNonNull(granularity, "granularity is null");
    }

    @Override
    public void process(String key, Context context, Iterable<PartialCounts> totals, Collector<MetricRow> out) {
        for (PartialCounts total : totals) {
            out.collect(MetricRow.of(MetricTable.of(granularity, total.level), total, context.window().getStart()));
        }
    }
}
