package io.adinsights.batch.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawHoursTest {

    private static final Instant FIVE = Instant.parse("2026-03-29T05:00:00Z");

    @Test
    void listsTheHoursOfTheRange() {
        assertThat(new RawHours(FIVE, Instant.parse("2026-03-29T08:00:00Z")).hours()).containsExactly(
                FIVE, Instant.parse("2026-03-29T06:00:00Z"), Instant.parse("2026-03-29T07:00:00Z"));
    }

    @Test
    void usesFirehoseLayout() {
        assertThat(RawHours.directory("s3://raw/firehose", FIVE)).isEqualTo("s3://raw/firehose/2026/03/29/05");
        assertThat(RawHours.arrivalHour("s3://raw/firehose/2026/03/29/05/ad-events-1-2026-03-29-05-12-00-abc.gz"))
                .isEqualTo(FIVE);
        assertThat(RawFileParser.ingestTime("file:/raw/2026/03/29/05/f")).isEqualTo(Instant.parse(
                "2026-03-29T06:00:00Z"));
    }

    @Test
    void parsesHours() {
        assertThat(RawHours.parseHour("2026-03-29T05")).isEqualTo(FIVE);
        assertThat(RawHours.parseHour("2026-03-29T05:00:00Z")).isEqualTo(FIVE);
        assertThatThrownBy(() -> RawHours.parseHour("yesterday")).hasMessageContaining("Invalid hour: yesterday");
    }

    @Test
    void rejectsRangesThatAreNotWholeHours() {
        assertThatThrownBy(() -> new RawHours(FIVE.plusSeconds(1), FIVE.plusSeconds(7200)))
                .hasMessageContaining("starts of UTC hours");
        assertThatThrownBy(() -> new RawHours(FIVE, FIVE)).hasMessageContaining("from must be before to");
        assertThatThrownBy(() -> RawHours.arrivalHour("s3://raw/f.gz")).hasMessageContaining("yyyy/MM/dd/HH");
    }
}
