package io.adinsights.servers;

import io.adinsights.servers.process.ServerStartException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The shared body of the servers' command-line launchers: {@code [--port N] [--data-dir DIR]}, then start the server,
 * print where it listens and run until Ctrl-C (or SIGTERM), which stops it.
 */
public final class CommandLine {
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_START_FAILED = 1;
    private static final double MILLIS_PER_SECOND = 1000.0;

    private CommandLine() {}

    /** Runs the server that {@code newServer} makes from the options on the command line, until the JVM exits. */
    public static void run(String launcher, String[] args, Function<ServerOptions, LocalServer> newServer) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ServerOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: " + launcher + " [--port N] [--data-dir DIR]");
            System.exit(EXIT_USAGE);
            return;
        }
        LocalServer server = newServer.apply(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "close-" + server.name()));
        try {
            server.start();
        } catch (ServerStartException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        out.printf("%s ready in %.1f s: %s%n", server.name(), server.startupTime().toMillis() / MILLIS_PER_SECOND,
                server.connectionInfo());
        out.printf("pid %d, resident memory %s, data in %s, log in %s%n", server.pid(),
                server.residentMemoryKib().stream().mapToObj(kib -> kib / 1024 + " MiB").findFirst().orElse("unknown"),
                server.dataDirectory(), server.logFile());
        out.println("Press Ctrl-C to stop.");
        awaitShutdown();
    }

    static ServerOptions parse(String[] args) {
        ServerOptions options = ServerOptions.defaults();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> options = options.withPort(parsePort(value));
                case "--data-dir" -> options = options.withDataDirectory(Path.of(value));
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        return options;
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid port: " + value + " (must be a number)", e);
        }
    }

    /** Blocks the main thread for good: the shutdown hook stops the server when the JVM is told to exit. */
    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
