package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.rules.RawZoneLayout;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Days of history for a fresh stack, so that the dashboard shows the lake and the speed layer side by side at once:
 * messy traffic at a low rate up to now, written straight into the raw zone as Firehose would have archived it, except
 * its last hour or two, which goes through the stream, so that the speed layer covers what the first batch run leaves
 * after its watermark. History has its own seed: its event ids never meet the live simulator's.
 */
final class HistorySeed {

    private static final String FILE_NAME = "history.gz";

    private final int days;
    private final double eventsPerSecond;
    private final long seed;
    private final PrintStream out;

    HistorySeed(int days, double eventsPerSecond, long seed, PrintStream out) {
        if (days < 1 || !(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("days and eventsPerSecond must be positive");
        }
        this.days = days;
        this.eventsPerSecond = eventsPerSecond;
        this.seed = seed;
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * The history scenario: {@code days} of event time from {@code now - days}, with a few more events than that
     * takes on average; {@link #seed} stops at the first event at or after {@code now}.
     */
    TrafficConfig traffic(Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
        long events = (long) (Duration.ofDays(days).toSeconds() * eventsPerSecond * 1.05);
        return TrafficConfig.messy().toBuilder().seed(seed).start(start).events(events)
                .eventsPerSecond(eventsPerSecond).phases(1).oversizedRecords(0).build();
    }

    /** Where history from {@code streamFrom} on goes: the stream, through the simulator's routes. */
    @FunctionalInterface
    interface StreamRoute {
        void send(Delivery delivery) throws InterruptedException;
    }

    /** What {@link #seed} put where. */
    record Seeded(long archived, long streamed) {
    }

    /**
     * Writes the history up to {@code now} that arrived before {@code streamFrom} into the raw zone, one gzip file per
     * arrival hour, and sends the rest through the stream in arrival order (the caller flushes it).
     *
     * @param streamFrom where the first batch run's watermark will be: history from there on goes through the stream
     */
    Seeded seed(Path rawZone, Instant now, Instant streamFrom, StreamRoute stream) throws InterruptedException {
        TrafficConfig traffic = traffic(now);
        out.printf("  seeding %d days of history (%d events at %.1f/s of event time) ...%n", days, traffic.events(),
                eventsPerSecond);
        long start = System.nanoTime();
        long archived = 0;
        long streamed = 0;
        // A record arrives in the hour of the newest event time so far: no event is in the future of its file.
        Instant newest = Instant.EPOCH;
        Instant fileHour = null;
        OutputStream file = null;
        try {
            for (Delivery delivery : Scenario.of(traffic)) {
                if (delivery.event() != null && !delivery.event().eventTime().isBefore(now)) {
                    break;
                }
                if (delivery.event() != null && delivery.event().eventTime().isAfter(newest)) {
                    newest = delivery.event().eventTime();
                }
                Instant hour = Granularity.HOUR.bucketStart(newest);
                if (!hour.isBefore(streamFrom)) {
                    // The raw zone's share is complete: its last file is whole before anything waits on the stream.
                    close(file);
                    file = null;
                    stream.send(delivery);
                    streamed++;
                    continue;
                }
                if (!hour.equals(fileHour)) {
                    close(file);
                    file = open(rawZone, hour);
                    fileHour = hour;
                    if (hour.getEpochSecond() % Duration.ofDays(10).toSeconds() == 0) {
                        out.printf("    history written up to %s%n", hour);
                    }
                }
                file.write(delivery.payload());
                file.write('\n');
                archived++;
            }
            close(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write history into " + rawZone, e);
        }
        out.printf("  history seeded in %.1f s: %d records in the raw zone, %d through the stream%n",
                (System.nanoTime() - start) / 1e9, archived, streamed);
        return new Seeded(archived, streamed);
    }

    private static OutputStream open(Path rawZone, Instant hour) throws IOException {
        Path directory = rawZone.resolve(RawZoneLayout.hourPrefix(hour));
        Files.createDirectories(directory);
        return new GZIPOutputStream(Files.newOutputStream(directory.resolve(FILE_NAME)), 64 * 1024);
    }

    private static void close(OutputStream file) throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
