package io.adinsights.speed.window;

import org.apache.flink.api.common.functions.AggregateFunction;

/** The window total: the sum of its partial counts. */
public final class SumPartials implements AggregateFunction<PartialCounts, PartialCounts, PartialCounts> {

    private static final long serialVersionUID = 1L;

    @Override
    public PartialCounts createAccumulator() {
        return new PartialCounts();
    }

    @Override
    public PartialCounts add(PartialCounts partial, PartialCounts total) {
        if (total.level == null) {
            total.level = partial.level;
            total.campaignId = partial.campaignId;
            total.adId = partial.adId;
        }
        total.add(partial);
        return total;
    }

    @Override
    public PartialCounts getResult(PartialCounts total) {
        return total;
    }

    @Override
    public PartialCounts merge(PartialCounts a, PartialCounts b) {
        a.add(b);
        return a;
    }
}
