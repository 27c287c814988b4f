package io.adinsights.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.parse.ParseResult;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.parse.RecordReader;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.rules.RawZoneLayout;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.zip.GZIPInputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistorySeedTest {

    private static final Instant NOW = Instant.parse("2026-03-10T14:37:21Z");
    private static final Instant STREAM_FROM = Instant.parse("2026-03-10T13:00:00Z");

    @TempDir
    Path rawZone;

    @Test
    void historyBeforeTheWatermarkIsInTheRawZoneAndTheRestGoesThroughTheStreamInOrder() throws Exception {
        HistorySeed seed = new HistorySeed(2, 0.1, 8, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        List<Delivery> streamed = new ArrayList<>();

        HistorySeed.Seeded seeded = seed.seed(rawZone, NOW, STREAM_FROM, streamed::add);

        List<Delivery> scenario = Scenario.of(seed.traffic(NOW)).stream()
                .takeWhile(delivery -> delivery.event() == null || delivery.event().eventTime().isBefore(NOW))
                .toList();
        assertThat(scenario).as("history up to now").hasSizeLessThan((int) seed.traffic(NOW).events());
        assertThat(scenario.stream().filter(delivery -> delivery.event() != null)
                .map(delivery -> delivery.event().eventTime()).max(Instant::compareTo).orElseThrow())
                .as("the last event of history").isAfter(NOW.minusSeconds(600));
        assertThat(seeded.archived() + seeded.streamed()).isEqualTo(scenario.size());
        assertThat(seeded.archived()).isGreaterThan(15_000);
        assertThat(streamed).as("the history after the watermark, in order")
                .containsExactlyElementsOf(scenario.subList((int) seeded.archived(), scenario.size()));
        assertThat(streamed).anyMatch(delivery -> delivery.event() != null
                && !delivery.event().eventTime().isBefore(STREAM_FROM));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Delivery delivery : scenario.subList(0, (int) seeded.archived())) {
            expected.write(delivery.payload());
            expected.write('\n');
        }
        ByteArrayOutputStream archived = new ByteArrayOutputStream();
        EventParser parser = EventParser.create();
        long valid = 0;
        for (Path file : files()) {
            Instant hour = hourOf(file);
            assertThat(hour).as("arrival hour of %s", file).isBefore(STREAM_FROM);
            try (InputStream input = new GZIPInputStream(Files.newInputStream(file))) {
                input.transferTo(archived);
            }
            try (InputStream input = Files.newInputStream(file); RecordReader reader = RecordReader.open(input)) {
                for (RawRecord record = reader.next(); record != null; record = reader.next()) {
                    if (parser.parse(record, hour.plus(Duration.ofHours(1))) instanceof ParseResult.Valid event) {
                        valid++;
                        assertThat(Granularity.HOUR.bucketStart(event.event().eventTime()))
                                .as("no event is in the future of its file's hour").isBeforeOrEqualTo(hour);
                    }
                }
            }
        }
        assertThat(archived.toByteArray()).as("every record before the watermark, once, in order, a line each")
                .isEqualTo(expected.toByteArray());
        assertThat(valid).isGreaterThan(seeded.archived() * 9 / 10);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> walk = Files.walk(rawZone)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Instant hourOf(Path file) {
        return RawZoneLayout.hourOfFile(rawZone.relativize(file).toString()).orElseThrow();
    }
}
