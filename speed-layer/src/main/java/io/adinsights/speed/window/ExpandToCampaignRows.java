package io.adinsights.speed.window;

import io.adinsights.schemas.cql.MetricTable;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** An ad's partial counts also count for its campaign: emits both rows; unattributed partials pass as they are. */
public final class ExpandToCampaignRows implements FlatMapFunction<PartialCounts, PartialCounts> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(PartialCounts partial, Collector<PartialCounts> out) {
        out.collect(partial);
        if (partial.level == MetricTable.Level.AD) {
            out.collect(partial.atLevel(MetricTable.Level.CAMPAIGN, null));
        }
    }
}
