package io.adinsights.servers.process;

import java.time.Duration;

/** Waits for a starting server to serve clients, and fails fast, with its log, when it dies or hangs instead. */
public final class Readiness {
    private static final long POLL_INTERVAL_MILLIS = 200;

    private Readiness() {}

    /**
     * Polls {@code probe} until it answers true.
     *
     * @throws ServerStartException if the process exits first, or is not ready within {@code timeout}; the message
     *     ends with the tail of the process's log
     */
    public static void await(ChildProcess process, ReadinessProbe probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            if (!process.isAlive()) {
                throw new ServerStartException(process + " exited with code " + process.awaitExit(Duration.ZERO)
                        + " while starting" + process.describeLogTail());
            }
            try {
                if (probe.isReady()) {
                    return;
                }
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                String cause = lastFailure == null ? "" : " (last check failed with: " + lastFailure + ")";
                throw new ServerStartException(process + " was not ready within " + timeout + cause
                        + process.describeLogTail(), lastFailure);
            }
            sleep(process);
        }
    }

    private static void sleep(ChildProcess process) {
        try {
            Thread.sleep(POLL_INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("Interrupted while waiting for " + process + " to start", e);
        }
    }
}
