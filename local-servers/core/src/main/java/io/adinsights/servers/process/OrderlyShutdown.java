package io.adinsights.servers.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A JVM exit that stops child processes in an order of its own: a program that starts processes which depend on each
 * other (a client of a server must stop before the server) registers one stop, and the shutdown hook of every
 * {@link ChildProcess} waits for it, a bounded time, before stopping whatever is left. JVM shutdown hooks run
 * concurrently, so without this each child would be stopped at once, in no order.
 */
public final class OrderlyShutdown {

    /** How long a child's hook waits for the orderly stop before stopping its process anyway. */
    static final Duration MAX_WAIT = Duration.ofSeconds(90);

    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static volatile boolean registered;

    private OrderlyShutdown() {
    }

    /**
     * Runs {@code stop} when the JVM exits, before the children's own hooks stop anything.
     *
     * @throws IllegalStateException if a stop is registered already
     */
    public static synchronized void register(Runnable stop) {
        requireNonNull(stop, "stop is null");
        if (registered) {
            throw new IllegalStateException("An orderly shutdown is registered already");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                STOPPED.countDown();
            }
        }, "orderly-shutdown"));
        registered = true;
    }

    /** In a child's shutdown hook: waits until the orderly stop ran, if one is registered. */
    static void awaitOrderlyStop() {
        if (!registered) {
            return;
        }
        try {
            STOPPED.await(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
