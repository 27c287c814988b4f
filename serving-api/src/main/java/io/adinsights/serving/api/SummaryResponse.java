package io.adinsights.serving.api;

import io.adinsights.serving.answer.Answer;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.annotation.JsonSerialize;

/** The JSON answer of {@code /ad/{campaignId}/summary}: the three metrics and the rate, in one series. */
public record SummaryResponse(String campaignId, String adId, String metric, MetricResponse.Range range,
        String granularity, String zone, Totals total, List<Point> series, MetricResponse.Boundary boundary,
        List<MetricResponse.GapView> gaps, boolean complete) {

    /** The range's totals; {@code clickToBasketRate} is null when there were no clicks. */
    public record Totals(long impressions, long clicks, long clickToBasket, Double clickToBasketRate) {
    }

    /** One bucket of the three metrics. */
    public record Point(@JsonSerialize(using = BucketStartSerializer.class) Instant bucketStart, long impressions,
            long clicks, long clickToBasket, boolean complete) {
    }

    static SummaryResponse of(Answer answer) {
        var total = answer.total();
        return new SummaryResponse(answer.query().campaignId(), answer.query().adId().orElse(null),
                answer.query().metric().pathName(), MetricResponse.range(answer),
                answer.query().granularity().paramName(), answer.query().zone().getId(),
                new Totals(total.impressions(), total.clicks(), total.clickToBasket(), MetricResponse.rate(total)),
                answer.series().stream()
                        .map(b -> new Point(b.start(), b.counts().impressions(), b.counts().clicks(),
                                b.counts().clickToBasket(), b.complete()))
                        .toList(),
                MetricResponse.boundary(answer), MetricResponse.gaps(answer), answer.complete());
    }
}
