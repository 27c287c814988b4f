package io.adinsights.serving.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.serving.query.BucketSize;
import io.adinsights.serving.query.InvalidQueryException;
import io.adinsights.serving.query.Metric;
import io.adinsights.serving.query.MetricQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoundaryRuleTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:17:00Z");
    /** now - 30 d + 1 h, rounded up to the hour. */
    private static final Instant FLOOR = Instant.parse("2026-04-01T12:00:00Z");
    private final BoundaryRule rule = new BoundaryRule(new BoundaryProperties(Duration.ofDays(30),
            Duration.ofHours(1)));

    @Test
    void floorIsNowMinusRetentionPlusMarginRoundedUp() {
        assertThat(rule.realtimeFloor(NOW)).isEqualTo(FLOOR);
        assertThat(rule.realtimeFloor(Instant.parse("2026-05-01T11:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-01T12:00:00Z"));
    }

    @Test
    void watermarkAfterTheFloorIsTheBoundary() {
        Instant watermark = Instant.parse("2026-05-01T08:00:00Z");
        QueryPlan plan = rule.plan(query("2026-04-20T00:00:00Z", "2026-05-01T11:00:00Z"), Optional.of(watermark), NOW);
        assertThat(plan.boundary()).isEqualTo(watermark);
        assertThat(plan.historical()).contains(range("2026-04-20T00:00:00Z", "2026-05-01T08:00:00Z"));
        assertThat(plan.realtime()).contains(range("2026-05-01T08:00:00Z", "2026-05-01T11:00:00Z"));
        assertThat(plan.gaps()).isEmpty();
    }

    @Test
    void laggingWatermarkLeavesAGapUpToTheFloor() {
        Instant watermark = Instant.parse("2026-03-25T00:00:00Z");
        QueryPlan plan = rule.plan(query("2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"), Optional.of(watermark), NOW);
        assertThat(plan.boundary()).isEqualTo(FLOOR);
        assertThat(plan.historical()).contains(range("2026-03-01T00:00:00Z", "2026-03-25T00:00:00Z"));
        assertThat(plan.gaps()).containsExactly(new Gap(range("2026-03-25T00:00:00Z", FLOOR.toString()),
                Gap.Reason.BATCH_BEHIND));
        assertThat(plan.realtime()).contains(range(FLOOR.toString(), "2026-05-01T00:00:00Z"));
    }

    @Test
    void noWatermarkMeansNoLakePart() {
        QueryPlan plan = rule.plan(query("2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"), Optional.empty(), NOW);
        assertThat(plan.historical()).isEmpty();
        assertThat(plan.gaps()).containsExactly(new Gap(range("2026-03-01T00:00:00Z", FLOOR.toString()),
                Gap.Reason.BATCH_BEHIND));
    }

    @Test
    void rangesOnOneSideHaveOnePart() {
        Instant watermark = Instant.parse("2026-04-20T00:00:00Z");
        QueryPlan old = rule.plan(query("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"), Optional.of(watermark), NOW);
        assertThat(old.realtime()).isEmpty();
        assertThat(old.gaps()).isEmpty();
        QueryPlan recent = rule.plan(query("2026-04-25T00:00:00Z", "2026-04-26T00:00:00Z"), Optional.of(watermark),
                NOW);
        assertThat(recent.historical()).isEmpty();
        assertThat(recent.realtime()).contains(range("2026-04-25T00:00:00Z", "2026-04-26T00:00:00Z"));
    }

    @Test
    void everyHourIsInExactlyOnePart() {
        for (String w : new String[] {"2026-03-25T00:00:00Z", "2026-04-10T05:00:00Z", "2026-05-01T09:00:00Z"}) {
            MetricQuery query = query("2026-03-20T00:00:00Z", "2026-05-01T11:00:00Z");
            QueryPlan plan = rule.plan(query, Optional.of(Instant.parse(w)), NOW);
            for (Instant hour = query.from(); hour.isBefore(query.to()); hour = hour.plusSeconds(3600)) {
                Instant h = hour;
                int parts = (plan.historical().filter(r -> r.contains(h)).isPresent() ? 1 : 0)
                        + (plan.realtime().filter(r -> r.contains(h)).isPresent() ? 1 : 0)
                        + (int) plan.gaps().stream().filter(g -> g.range().contains(h)).count();
                assertThat(parts).as(w + " " + hour).isEqualTo(1);
            }
        }
    }

    @Test
    void minutesBeforeTheBoundaryAreRefused() {
        MetricQuery minutes = new MetricQuery("c", Optional.empty(), Metric.CLICKS,
                Instant.parse("2026-05-01T07:00:00Z"), Instant.parse("2026-05-01T09:00:00Z"), BucketSize.MINUTE,
                ZoneOffset.UTC);
        assertThatThrownBy(() -> rule.plan(minutes, Optional.of(Instant.parse("2026-05-01T08:00:00Z")), NOW))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("2026-05-01T08:00:00Z");
    }

    private static MetricQuery query(String from, String to) {
        return new MetricQuery("c", Optional.empty(), Metric.CLICKS, Instant.parse(from), Instant.parse(to),
                BucketSize.HOUR, ZoneOffset.UTC);
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }
}
