package io.adinsights.servers;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for something that happens in another process. */
public final class Eventually {
    private static final long POLL_MILLIS = 50;

    private Eventually() {}

    /** Whether {@code condition} became true within {@code timeout}. */
    public static boolean within(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
