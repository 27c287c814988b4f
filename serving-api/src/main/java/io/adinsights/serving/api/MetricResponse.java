package io.adinsights.serving.api;

import io.adinsights.serving.answer.Answer;
import io.adinsights.serving.boundary.Gap;
import io.adinsights.serving.query.Metric;
import io.adinsights.serving.store.MetricCounts;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The JSON answer of {@code /ad/{campaignId}/{metric}}. Bucket starts are UTC instants; days start at midnight of
 * {@code zone}. {@code clicks} and {@code clickToBasketRate} are set for clickToBasket only.
 */
public record MetricResponse(String campaignId, String adId, String metric, Range range, String granularity,
        String zone, long total, Long clicks, Double clickToBasketRate, List<Point> series, Boundary boundary,
        List<GapView> gaps, boolean complete) {

    /** The requested range, {@code [from, to)}. */
    public record Range(Instant from, Instant to) {
    }

    /** One bucket; {@code complete} is false when a gap overlaps it. */
    public record Point(@JsonSerialize(using = BucketStartSerializer.class) Instant bucketStart, long value,
            boolean complete) {
    }

    /**
     * Where the answer was split and how fresh each side is.
     *
     * @param at           the boundary B: the lake answered before it, ScyllaDB from it on
     * @param batchUpTo    the batch watermark used (null when the lake has none)
     * @param realtimeUpTo the speed layer's watermark (null when unknown or unavailable)
     */
    public record Boundary(Instant at, Instant batchUpTo, Instant realtimeUpTo) {
    }

    /** Part of the range no layer answered, with the reason. */
    public record GapView(Instant from, Instant to, Gap.Reason reason) {
    }

    static MetricResponse of(Answer answer) {
        Metric metric = answer.query().metric();
        ToLongFunction<MetricCounts> value = switch (metric) {
            case IMPRESSIONS -> MetricCounts::impressions;
            case CLICKS -> MetricCounts::clicks;
            case CLICK_TO_BASKET -> MetricCounts::clickToBasket;
            default -> throw new IllegalArgumentException("Not a single metric: " + metric);
        };
        boolean withRate = metric == Metric.CLICK_TO_BASKET;
        MetricCounts total = answer.total();
        return new MetricResponse(answer.query().campaignId(), answer.query().adId().orElse(null),
                metric.pathName(), range(answer), answer.query().granularity().paramName(),
                answer.query().zone().getId(), value.applyAsLong(total), withRate ? total.clicks() : null,
                withRate ? rate(total) : null,
                answer.series().stream()
                        .map(b -> new Point(b.start(), value.applyAsLong(b.counts()), b.complete())).toList(),
                boundary(answer), gaps(answer), answer.complete());
    }

    static Range range(Answer answer) {
        return new Range(answer.query().from(), answer.query().to());
    }

    static Boundary boundary(Answer answer) {
        return new Boundary(answer.plan().boundary(), answer.plan().batchUpTo().orElse(null),
                answer.realtimeUpTo().orElse(null));
    }

    static List<GapView> gaps(Answer answer) {
        return answer.gaps().stream()
                .map(gap -> new GapView(gap.range().from(), gap.range().to(), gap.reason()))
                .toList();
    }

    /** clickToBasket / clicks over the range; null when there were no clicks. */
    static Double rate(MetricCounts total) {
        return total.clicks() == 0 ? null : (double) total.clickToBasket() / total.clicks();
    }
}
