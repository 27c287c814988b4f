package io.adinsights.servers;

import static java.util.Objects.requireNonNull;

import io.adinsights.servers.process.ChildProcess;
import io.adinsights.servers.process.DataDirectory;
import io.adinsights.servers.process.Loopback;
import io.adinsights.servers.process.ProcessCommand;
import io.adinsights.servers.process.Readiness;
import io.adinsights.servers.process.ServerStartException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real server run as a child process on {@value Loopback#HOST}. It can be stopped and started again any number of
 * times, on the same ports and with the same data; {@link #close()} stops it for good and deletes a temporary data
 * directory. Subclasses say how to configure and run the server and how to tell it is ready.
 */
public abstract class LocalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

    /** Generous: a server flushes its data on SIGTERM, and a busy two-core machine makes that slow. */
    private static final Duration STOP_GRACE_PERIOD = Duration.ofSeconds(30);

    private final String name;
    private final DataDirectory dataDirectory;
    private final Duration startTimeout;

    // Guarded by this.
    private ChildProcess process;
    private Duration startupTime;
    private boolean closed;

    protected LocalServer(String name, ServerOptions options) {
        this.name = requireNonNull(name, "name is null");
        requireNonNull(options, "options is null");
        this.dataDirectory = options.dataDirectory().map(DataDirectory::given)
                .orElseGet(() -> DataDirectory.temporary(name));
        this.startTimeout = options.startTimeout();
    }

    /**
     * Writes the server's configuration into its data directory (and prepares storage on the first start), and
     * returns the command that runs the server in the foreground.
     */
    protected abstract ProcessCommand prepare(Path dataDirectory) throws IOException;

    /** Whether the server serves clients yet; called repeatedly while it starts. Any exception means "not yet". */
    protected abstract boolean isReady() throws Exception;

    /** What a client needs to connect, in one line, e.g. for the command-line launchers. */
    public abstract String connectionInfo();

    /**
     * Starts the server and waits until it serves clients.
     *
     * @throws ServerStartException if it does not start within the start timeout; the message ends with its log
     * @throws IllegalStateException if it is already running, or closed
     */
    public final synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running: " + process);
        }
        long startNanos = System.nanoTime();
        Path directory = dataDirectory.path();
        ProcessCommand command;
        try {
            command = prepare(directory);
        } catch (IOException e) {
            throw new ServerStartException("Cannot configure " + name + " in " + directory + ": " + e.getMessage(), e);
        }
        ChildProcess started = ChildProcess.start(name, command, directory, logFile());
        try {
            Readiness.await(started, this::isReady, startTimeout);
        } catch (RuntimeException e) {
            started.stop(STOP_GRACE_PERIOD);
            throw e;
        }
        process = started;
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        LOG.info("{} ready in {} ms (pid {}): {}", name, startupTime.toMillis(), started.pid(), connectionInfo());
    }

    /** Stops the server (SIGTERM, then SIGKILL if it hangs), keeping its data for a later {@link #start()}. */
    public final synchronized void stop() {
        if (process == null) {
            return;
        }
        boolean wasRunning = process.isAlive();
        // Also when it died by itself: that releases its shutdown hook.
        process.stop(STOP_GRACE_PERIOD);
        if (wasRunning) {
            LOG.info("{} stopped", name);
        }
    }

    /** Stops the server for good and deletes its data directory if it is a temporary one. */
    @Override
    public final synchronized void close() {
        stop();
        if (!closed) {
            closed = true;
            dataDirectory.deleteIfTemporary();
        }
    }

    public final synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The PID of the server process last started, running or not. */
    public final synchronized long pid() {
        return startedProcess().pid();
    }

    /** How long the last {@link #start()} took, until the server was ready. */
    public final synchronized Duration startupTime() {
        startedProcess();
        return startupTime;
    }

    /** Resident memory of the running server process(es) in KiB, where the operating system tells. */
    public final synchronized OptionalLong residentMemoryKib() {
        return startedProcess().residentMemoryKib();
    }

    public final String name() {
        return name;
    }

    /** The host clients connect to. */
    public final String host() {
        return Loopback.HOST;
    }

    public final Path dataDirectory() {
        return dataDirectory.path();
    }

    /** The file that collects the server's standard output and error, across restarts. */
    public final Path logFile() {
        return dataDirectory.path().resolve(name + ".log");
    }

    private ChildProcess startedProcess() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    @Override
    public String toString() {
        return name + " at " + connectionInfo();
    }
}
