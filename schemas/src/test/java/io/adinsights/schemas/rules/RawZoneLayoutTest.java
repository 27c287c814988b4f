package io.adinsights.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawZoneLayoutTest {

    private static final Instant FIVE = Instant.parse("2026-03-29T05:00:00Z");

    @Test
    void anArrivalTimeIsFiledUnderItsUtcHour() {
        assertThat(RawZoneLayout.hourPrefix(Instant.parse("2026-03-29T05:59:59.999Z"))).isEqualTo("2026/03/29/05");
        assertThat(RawZoneLayout.hourPrefix(FIVE)).isEqualTo("2026/03/29/05");
    }

    @Test
    void theHourIsReadBackFromDirectoriesAndFiles() {
        assertThat(RawZoneLayout.hourOfDirectory("2026/03/29/05")).contains(FIVE);
        assertThat(RawZoneLayout.hourOfDirectory("/raw/zone/2026/03/29/05/")).contains(FIVE);
        assertThat(RawZoneLayout.hourOfFile("s3://raw/firehose/2026/03/29/05/ad-events-1-2026-03-29-05-12-00-abc.gz"))
                .contains(FIVE);
        assertThat(RawZoneLayout.hourOfFile("2026\\03\\29\\05\\raw-0.gz")).contains(FIVE);
    }

    @Test
    void otherPathsHaveNoHour() {
        assertThat(RawZoneLayout.hourOfDirectory("2026/03/29")).isEmpty();
        assertThat(RawZoneLayout.hourOfDirectory("2026/03/29/05/raw.gz")).isEmpty();
        assertThat(RawZoneLayout.hourOfDirectory("x2026/03/29/05")).isEmpty();
        assertThat(RawZoneLayout.hourOfDirectory("2026/13/40/25")).isEmpty();
        assertThat(RawZoneLayout.hourOfFile("s3://raw/f.gz")).isEmpty();
        assertThat(RawZoneLayout.hourOfFile("2026/03/29/05")).isEmpty();
    }

    @Test
    void filesInProgressAndMarkersAreNotInTheZone() {
        assertThat(RawZoneLayout.isCommitted("raw-0-1.gz")).isTrue();
        assertThat(RawZoneLayout.isCommitted(".raw-0-1.gz.inprogress.1234")).isFalse();
        assertThat(RawZoneLayout.isCommitted("_SUCCESS")).isFalse();
        assertThat(RawZoneLayout.isCommitted("")).isFalse();
    }
}
