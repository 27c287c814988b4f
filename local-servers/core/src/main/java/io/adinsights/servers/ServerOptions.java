package io.adinsights.servers;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run a local server: which port clients use (a free one unless given), where its data and log go (a
 * temporary directory unless given) and how long it may take to start. Immutable; {@code with*} return a copy.
 */
public final class ServerOptions {
    public static final Duration START_TIMEOUT_DEFAULT = Duration.ofSeconds(90);

    private static final int NO_PORT = 0;
    private static final int MAX_PORT = 65_535;

    private final int port;
    private final Path dataDirectory;
    private final Duration startTimeout;

    private ServerOptions(int port, Path dataDirectory, Duration startTimeout) {
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.startTimeout = requireNonNull(startTimeout, "startTimeout is null");
    }

    /** A free port, a temporary directory and {@link #START_TIMEOUT_DEFAULT}. */
    public static ServerOptions defaults() {
        return new ServerOptions(NO_PORT, null, START_TIMEOUT_DEFAULT);
    }

    /** Listen for clients on this fixed port instead of a free one. */
    public ServerOptions withPort(int newPort) {
        if (newPort < 1 || newPort > MAX_PORT) {
            throw new IllegalArgumentException("Invalid port: " + newPort + " (must be 1-" + MAX_PORT + ")");
        }
        return new ServerOptions(newPort, dataDirectory, startTimeout);
    }

    /** Keep data and log in this directory, created if needed and never deleted, instead of a temporary one. */
    public ServerOptions withDataDirectory(Path newDataDirectory) {
        return new ServerOptions(port, requireNonNull(newDataDirectory, "newDataDirectory is null"), startTimeout);
    }

    public ServerOptions withStartTimeout(Duration newStartTimeout) {
        requireNonNull(newStartTimeout, "newStartTimeout is null");
        if (newStartTimeout.isNegative() || newStartTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid start timeout: " + newStartTimeout + " (must be > 0)");
        }
        return new ServerOptions(port, dataDirectory, newStartTimeout);
    }

    public OptionalInt port() {
        return port == NO_PORT ? OptionalInt.empty() : OptionalInt.of(port);
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    public Duration startTimeout() {
        return startTimeout;
    }
}
