package io.adinsights.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.schemas.event.AdEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RulesTest {

    private static final Instant CLICK = Instant.parse("2026-03-29T00:30:00Z");
    private final AttributionWindow hour = AttributionWindow.defaultWindow();

    @Test
    void bucketsAreUtcMinutesAndHoursByFloor() {
        Instant lastMilli = Instant.parse("2026-03-29T00:59:59.999Z");
        Instant nextHour = Instant.parse("2026-03-29T01:00:00Z");

        assertThat(Granularity.MINUTE.bucketStart(lastMilli)).isEqualTo(Instant.parse("2026-03-29T00:59:00Z"));
        assertThat(Granularity.HOUR.bucketStart(lastMilli)).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(Granularity.HOUR.bucketStart(nextHour)).isEqualTo(nextHour);
        assertThat(Granularity.HOUR.bucketEnd(lastMilli)).isEqualTo(nextHour);
        assertThat(Granularity.MINUTE.isBucketStart(nextHour)).isTrue();
        assertThat(Granularity.MINUTE.isBucketStart(lastMilli)).isFalse();
    }

    @Test
    void bucketsBeforeTheEpochStillRoundDown() {
        Instant before = Instant.parse("1969-12-31T23:59:59.500Z");
        assertThat(Granularity.MINUTE.bucketStart(before)).isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
    }

    @Test
    void attributesDelaysFromZeroToTheWindowInclusive() {
        assertThat(hour.attributes(CLICK, CLICK)).isTrue();
        assertThat(hour.attributes(CLICK, CLICK.plus(Duration.ofHours(1)))).isTrue();
        assertThat(hour.attributes(CLICK, CLICK.plus(Duration.ofHours(1)).plusMillis(1))).isFalse();
        assertThat(hour.attributes(CLICK, CLICK.minusMillis(1))).isFalse();
        assertThat(hour.lastAttributableBasketTime(CLICK)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void theWindowIsConfigurableAndMustBePositive() {
        AttributionWindow fiveMinutes = new AttributionWindow(Duration.ofMinutes(5));

        assertThat(fiveMinutes.attributes(CLICK, CLICK.plusSeconds(300))).isTrue();
        assertThat(fiveMinutes.attributes(CLICK, CLICK.plusSeconds(301))).isFalse();
        assertThatThrownBy(() -> new AttributionWindow(Duration.ZERO)).hasMessageContaining("must be > 0");
    }

    @Test
    void theDedupKeyIsTheEventIdWhateverTheType() {
        AdEvent click = AdEvent.click("id-1", CLICK, "c", "a");
        AdEvent sameIdOtherPayload = AdEvent.impression("id-1", CLICK.plusSeconds(9), "d", "b");

        assertThat(DedupKey.of(click)).isEqualTo("id-1").isEqualTo(DedupKey.of(sameIdOtherPayload));
    }

    @Test
    void rowsExpireThirtyDaysAfterTheEndOfTheirBucket() {
        Instant bucket = Instant.parse("2026-03-01T10:00:00Z");

        assertThat(Retention.ttlSeconds(Granularity.HOUR, bucket, bucket))
                .isEqualTo(Duration.ofDays(30).plusHours(1).toSeconds());
        assertThat(Retention.ttlSeconds(Granularity.MINUTE, bucket, bucket.plus(Duration.ofDays(30))))
                .isEqualTo(60);
        assertThat(Retention.ttlSeconds(Granularity.HOUR, bucket, bucket.plus(Duration.ofDays(31)))).isNegative();
    }
}
