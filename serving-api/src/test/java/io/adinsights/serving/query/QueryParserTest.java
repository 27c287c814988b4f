package io.adinsights.serving.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:17:30Z");
    private final QueryParser parser = new QueryParser(new QueryLimits(Duration.ofDays(400), 5000));

    @Test
    void defaultsAreTheLast24HoursByHourInUtc() {
        MetricQuery query = parser.parse("cmp-1", "clicks", null, null, null, null, null, NOW);
        assertThat(query.to()).isEqualTo(Instant.parse("2026-05-01T11:00:00Z"));
        assertThat(query.from()).isEqualTo(Instant.parse("2026-04-30T11:00:00Z"));
        assertThat(query.granularity()).isEqualTo(BucketSize.HOUR);
        assertThat(query.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(query.adId()).isEmpty();
    }

    @Test
    void offsetsAndZonesAreAccepted() {
        MetricQuery query = parser.parse("cmp-1", "clickToBasket", "2026-04-01T00:00:00+02:00",
                "2026-04-02T00:00:00+02:00", "day", "Europe/Paris", "ad-1", NOW);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
        assertThat(query.metric()).isEqualTo(Metric.CLICK_TO_BASKET);
        assertThat(query.adId()).isEqualTo(Optional.of("ad-1"));
    }

    @Test
    void badInputNamesTheField() {
        assertField(() -> parser.parse("", "clicks", null, null, null, null, null, NOW), "campaignId");
        assertField(() -> parser.parse("c\u0001", "clicks", null, null, null, null, null, NOW), "campaignId");
        assertField(() -> parser.parse("c", "click", null, null, null, null, null, NOW), "metric");
        assertField(() -> parser.parse("c", "clicks", "2026-13-01T00:00:00Z", null, null, null, null, NOW), "from");
        assertField(() -> parser.parse("c", "clicks", null, "+999999999-12-31T23:59:59Z", null, null, null, NOW),
                "to");
        assertField(() -> parser.parse("c", "clicks", null, null, "week", null, null, NOW), "granularity");
        assertField(() -> parser.parse("c", "clicks", null, null, null, "Nowhere/City", null, NOW), "tz");
        assertField(() -> parser.parse("c", "clicks", null, null, null, null, " ad-1", NOW), "adId");
        assertField(() -> parser.parse("c", "clicks", "2026-04-01T00:30:00Z", "2026-04-01T02:00:00Z", null, null,
                null, NOW), "from");
        assertField(() -> parser.parse("c", "clicks", "2026-04-01T02:00:00Z", "2026-04-01T01:00:00Z", null, null,
                null, NOW), "from");
        assertField(() -> parser.parse("c", "clicks", "2024-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "day", null,
                null, NOW), "to");
        assertField(() -> parser.parse("c", "clicks", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "minute",
                null, null, NOW), "granularity");
        assertField(() -> parser.parse("c", "clicks", "2026-03-31T18:30:00Z", "2026-04-01T18:30:00Z", "day",
                "Asia/Kolkata", null, NOW), "tz");
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidQueryException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
