package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.rules.RawZoneLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stand-in for the Airflow schedule: every {@code batchEvery} (hourly by default, a few minutes past the
 * hour, once Firehose's buffer — here the archive's checkpoint — has closed the hour), one batch run over the raw
 * hours not compacted yet. {@code <dir>/batch/compacted-through} remembers how far it got, so a restarted stack
 * catches up. Runs never overlap.
 */
final class BatchSchedule implements AutoCloseable {

    /** Past the hour: the raw archive commits its files on checkpoints, every few seconds. */
    private static final Duration AFTER_THE_HOUR = Duration.ofMinutes(5);
    /** The completeness delay of the batch watermark: events of an hour are taken as arrived an hour later. */
    static final Duration COMPLETENESS_DELAY = Duration.ofHours(1);

    private final LocalStack stack;
    private final PrintStream out;
    private final Path state;
    private volatile boolean closed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "batch-schedule");
        thread.setDaemon(true);
        return thread;
    });

    BatchSchedule(LocalStack stack, PrintStream out) {
        this.stack = requireNonNull(stack, "stack is null");
        this.out = requireNonNull(out, "out is null");
        this.state = stack.settings().subdirectory("batch").resolve("compacted-through");
    }

    /** Runs once now (catching up), then every {@code batchEvery}, aligned a few minutes past the hour. */
    void start() {
        Duration every = stack.settings().batchEvery();
        Instant now = Instant.now();
        Instant next = Granularity.HOUR.bucketStart(now).plus(Duration.ofHours(1)).plus(AFTER_THE_HOUR);
        timer.execute(this::runSafely);
        timer.scheduleAtFixedRate(this::runSafely, Duration.between(now, next).toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        out.println("  batch schedule               every " + every + " at :05, next at " + next
                + " (run it now: bin/local-stack batch)");
    }

    private void runSafely() {
        try {
            runClosedHours();
        } catch (RuntimeException e) {
            out.println(closed ? "batch run stopped with the stack; the next run does these hours again"
                    : "batch run failed: " + e.getMessage());
        }
    }

    /**
     * One scheduled run: raw hours from where the last run stopped up to the current hour (closed hours only).
     * A first run starts at the earliest raw hour; with none yet, it runs over the last hour, which creates the lake
     * tables and a first watermark.
     */
    synchronized int runClosedHours() {
        Instant to = Granularity.HOUR.bucketStart(Instant.now());
        Instant from = compactedThrough().or(() -> earliestRawHour(stack.rawZone()))
                .filter(hour -> hour.isBefore(to)).orElse(to.minus(Duration.ofHours(1)));
        return run(from, to, to);
    }

    /** A run now, the open hour included (what it has so far), as the {@code batch} command does. */
    synchronized int runNow() {
        Instant hour = Granularity.HOUR.bucketStart(Instant.now());
        Instant from = earliestRawHour(stack.rawZone()).filter(first -> first.isBefore(hour))
                .orElse(hour);
        return run(from, hour.plus(Duration.ofHours(1)), hour);
    }

    private int run(Instant from, Instant to, Instant closedThrough) {
        long start = System.nanoTime();
        out.printf("%s batch run over raw hours [%s, %s) ...%n", Instant.now(), from, to);
        int status = stack.runBatch(from, to, COMPLETENESS_DELAY);
        out.printf("%s batch run finished in %d s: %s%n", Instant.now(),
                Duration.ofNanos(System.nanoTime() - start).toSeconds(), outcome(status));
        if (status == 0 && compactedThrough().map(previous -> previous.isBefore(closedThrough)).orElse(true)) {
            write(closedThrough);
        }
        return status;
    }

    private String outcome(int status) {
        return switch (status) {
            case 0 -> "done";
            case 1 -> "a quality check failed, the watermark was held (see batch-reports/)";
            default -> closed ? "stopped with the stack; the next run does these hours again"
                    : "ended with status " + status + " (see logs/batch.log); the next run does these hours again";
        };
    }

    private Optional<Instant> compactedThrough() {
        try {
            return Files.exists(state) ? Optional.of(Instant.parse(Files.readString(state).trim()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + state, e);
        }
    }

    private void write(Instant through) {
        try {
            Files.createDirectories(state.getParent());
            Files.writeString(state, through.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + state, e);
        }
    }

    /** The earliest {@code yyyy/MM/dd/HH} directory of the raw zone. */
    static Optional<Instant> earliestRawHour(Path rawZone) {
        if (!Files.isDirectory(rawZone)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(rawZone, 4)) {
            return walk.filter(Files::isDirectory)
                    .flatMap(directory -> RawZoneLayout.hourOfDirectory(rawZone.relativize(directory).toString())
                            .stream())
                    .min(Instant::compareTo);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + rawZone, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
