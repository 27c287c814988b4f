package io.adinsights.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    @ParameterizedTest
    @CsvSource({
        "2026-03-29T01:59:30Z, 2026-03-29T01:59:30Z",
        "2026-03-29t01:59:30z, 2026-03-29T01:59:30Z",
        "2026-03-29T03:59:30.5+02:00, 2026-03-29T01:59:30.500Z",
        "2026-03-28T20:29:30.123456789-05:30, 2026-03-29T01:59:30.123456789Z",
        "2024-02-29T00:00:00+00:00, 2024-02-29T00:00:00Z",
        "2026-01-01T00:30:00+14:00, 2025-12-31T10:30:00Z",
        "2026-01-01T18:00:00+18:00, 2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00-18:00, 2026-01-01T18:00:00Z",
        "2026-01-01T00:00:00-00:00, 2026-01-01T00:00:00Z"
    })
    void readsRfc3339WithAnOffset(String text, String expected) {
        assertThat(EventTimes.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-03-29T01:59:30", "2026-03-29T01:59Z", "2026-03-29 01:59:30Z",
        "2026-03-29T01:59:30.Z", "2026-03-29T01:59:30.1234567891Z", "2026-03-29T01:59:30+0200",
        "2026-03-29T01:59:30+02", "2026-03-29T01:59:30+24:00", "2026-03-29T01:59:30+02:60",
        "2026-03-29T01:59:30+18:01", "2026-03-29T01:59:30-18:30", "2026-03-29T01:59:30+19:00",
        "2026-02-30T01:59:30Z", "2026-13-01T00:00:00Z", "2026-03-29T24:00:00Z", "2026-03-29T23:59:60Z",
        "2026-03-29T01:59:30ZZ", "+2026-03-29T01:59:30Z", "2026-03-29T01:59:30Z ", "２０２６-03-29T01:59:30Z"})
    void rejectsAnythingLooser(String text) {
        assertThat(EventTimes.parse(text)).isEmpty();
    }

    @Test
    void agreesWithTheJdkOnRandomTimestamps() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-2_000_000_000L, 4_000_000_000L);
            int nanos = random.nextInt(1_000_000_000);
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            OffsetDateTime time = Instant.ofEpochSecond(seconds, nanos)
                    .atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            String text = time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

            assertThat(EventTimes.parse(text)).as(text).contains(time.toInstant());
        }
    }
}
