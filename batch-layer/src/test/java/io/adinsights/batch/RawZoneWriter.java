package io.adinsights.batch;

import static java.util.Objects.requireNonNull;

import io.adinsights.batch.compaction.RawHours;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.traffic.generator.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * Writes deliveries into a raw zone as Firehose would: {@code yyyy/MM/dd/HH/} by arrival hour, files in rotating
 * formats (NDJSON, concatenated JSON with no delimiter, each gzip'ed or plain). A delivery arrives in the hour of the
 * newest event time seen so far, so no valid event is in the future of its file's hour. Concatenation is used only
 * for files of valid records (see schemas/README.md, "Raw input"): a malformed record is written one per line.
 */
final class RawZoneWriter {

    private static final int RECORDS_PER_FILE = 400;

    private final Path root;
    private int fileNumber;
    private Instant newestEventTime = Instant.EPOCH;
    private Instant currentHour;
    private final List<Delivery> pending = new ArrayList<>();
    private final List<Instant> hours = new ArrayList<>();

    RawZoneWriter(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** Writes the deliveries that pass the filter; returns the arrival hours written, in order. */
    static List<Instant> write(Path root, Iterable<Delivery> deliveries, Predicate<Delivery> filter) {
        RawZoneWriter writer = new RawZoneWriter(root);
        for (Delivery delivery : deliveries) {
            if (filter.test(delivery)) {
                writer.add(delivery);
            }
        }
        writer.flush();
        return List.copyOf(writer.hours);
    }

    void add(Delivery delivery) {
        if (delivery.event() != null && delivery.event().eventTime().isAfter(newestEventTime)) {
            newestEventTime = delivery.event().eventTime();
        }
        Instant hour = Granularity.HOUR.bucketStart(newestEventTime);
        if (currentHour != null && !hour.equals(currentHour)) {
            flush();
        }
        currentHour = hour;
        pending.add(delivery);
        if (pending.size() >= RECORDS_PER_FILE) {
            flush();
        }
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        if (hours.isEmpty() || !hours.get(hours.size() - 1).equals(currentHour)) {
            hours.add(currentHour);
        }
        int format = fileNumber % 4;
        boolean gzip = format % 2 == 1;
        boolean allValid = pending.stream().allMatch(Delivery::isValid);
        boolean concatenated = format >= 2 && allValid;
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Delivery delivery : pending) {
            content.writeBytes(delivery.payload());
            if (!concatenated) {
                content.write('\n');
            }
        }
        String name = String.format("ad-events-%06d%s", fileNumber++, gzip ? ".gz" : "");
        writeFile(RawHours.directory(root.toString(), currentHour) + "/" + name, content.toByteArray(), gzip);
        pending.clear();
    }

    static void writeFile(String path, byte[] content, boolean gzip) {
        try {
            Path file = Path.of(path);
            Files.createDirectories(file.getParent());
            try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                    : Files.newOutputStream(file)) {
                out.write(content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
