package io.adinsights.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BucketStartSerializerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(3);
        long from = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1));
            assertThat(BucketStartSerializer.format(instant)).isEqualTo(instant.toString());
        }
        for (String edge : List.of("2026-03-29T00:00:00Z", "2026-10-25T01:00:00Z", "2000-02-29T23:59:00Z",
                "1970-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "2026-03-29T00:00:00.5Z",
                "2026-03-29T00:00:00.000000001Z")) {
            Instant instant = Instant.parse(edge);
            assertThat(BucketStartSerializer.format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void seriesPointsLookAsTheDefaultWritesInstants() {
        Instant start = Instant.parse("2026-03-29T01:00:00Z");
        // Range's instants take the default serializer.
        assertThat(JSON.writeValueAsString(new MetricResponse.Range(start, start)))
                .isEqualTo("{\"from\":\"2026-03-29T01:00:00Z\",\"to\":\"2026-03-29T01:00:00Z\"}");
        assertThat(JSON.writeValueAsString(new SummaryResponse.Point(start, 1, 2, 3, true)))
                .isEqualTo("{\"bucketStart\":\"2026-03-29T01:00:00Z\",\"impressions\":1,\"clicks\":2,"
                        + "\"clickToBasket\":3,\"complete\":true}");
        assertThat(JSON.writeValueAsString(new MetricResponse.Point(start, 7, false)))
                .isEqualTo("{\"bucketStart\":\"2026-03-29T01:00:00Z\",\"value\":7,\"complete\":false}");
    }
}
