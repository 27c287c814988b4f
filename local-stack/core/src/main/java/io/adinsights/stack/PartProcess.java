package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.servers.process.ChildProcess;
import io.adinsights.servers.process.JavaCommand;
import io.adinsights.servers.process.ProcessCommand;
import io.adinsights.servers.process.Readiness;
import io.adinsights.servers.process.ReadinessProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One part of the platform in its own JVM (the speed layer, ingestion, insights-api, a batch run), with its output in
 * {@code <dir>/logs/<name>.log}. It dies with the launcher, even when the launcher is killed hard.
 */
final class PartProcess {

    /** Long enough for Flink to cancel its job and Spring to drain its requests. */
    private static final Duration STOP_GRACE_PERIOD = Duration.ofSeconds(20);

    private final String name;
    private final ChildProcess process;
    private final long startNanos;
    private volatile Duration startupTime;

    private final long logOffset;

    private PartProcess(String name, ChildProcess process, long startNanos, long logOffset) {
        this.name = name;
        this.process = process;
        this.startNanos = startNanos;
        this.logOffset = logOffset;
    }

    /** Starts {@code mainClass} on {@code classpath} with extra environment variables and JVM options. */
    static PartProcess start(String name, Path stackDir, JavaCommand command, Map<String, String> environment) {
        requireNonNull(name, "name is null");
        Path logs = stackDir.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logs, e);
        }
        ProcessCommand java = command.toProcessCommand();
        Map<String, String> variables = new HashMap<>(java.environment());
        variables.putAll(environment);
        Path log = logs.resolve(name + ".log");
        long logOffset;
        try {
            logOffset = Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
        long start = System.nanoTime();
        ChildProcess child = ChildProcess.start(name, new ProcessCommand(java.arguments(), variables), stackDir, log);
        return new PartProcess(name, child, start, logOffset);
    }

    static JavaCommand java(String mainClass, List<Path> classpath, List<String> jvmOptions, List<String> arguments) {
        return new JavaCommand(mainClass, classpath, jvmOptions, arguments);
    }

    /** Waits until {@code probe} says the part serves, and records how long the start took. */
    PartProcess awaitReady(ReadinessProbe probe, Duration timeout) {
        Readiness.await(process, probe, timeout);
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        return this;
    }

    /**
     * Whether the part wrote {@code text} to its log since it started (the log is appended to across restarts):
     * readiness of parts that serve no port.
     */
    ReadinessProbe logContains(String text) {
        return () -> {
            if (!Files.exists(process.logFile())) {
                return false;
            }
            byte[] log = Files.readAllBytes(process.logFile());
            int from = (int) Math.min(logOffset, log.length);
            return new String(log, from, log.length - from, StandardCharsets.UTF_8).contains(text);
        };
    }

    int awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return process.logFile();
    }

    Duration startupTime() {
        return startupTime;
    }

    OptionalLong residentMemoryKib() {
        return process.residentMemoryKib();
    }

    String describeLogTail() {
        return process.describeLogTail();
    }

    /** SIGTERM (the part's shutdown hooks run), then SIGKILL after the grace period. */
    void stop() {
        process.stop(STOP_GRACE_PERIOD);
    }

    /** SIGKILL at once: a crash, as in a failure test. */
    void kill() {
        process.stop(Duration.ZERO);
    }
}
