package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live traffic: the messy generator from now on at {@code eventsPerSecond}, each event sent when its event time
 * comes (late and out-of-order ones as the generator places them), through ingestion and the producer library.
 */
final class Simulator implements AutoCloseable {

    /** Partial HTTP batches go out at least this often, so the dashboard moves smoothly. */
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
    /** Weeks of traffic at any sensible rate; the generator needs a count, and keeps constant memory. */
    private static final long LIVE_EVENTS = 1_000_000_000L;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

    private final LocalStack stack;
    private final PrintStream out;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopped;

    Simulator(LocalStack stack, PrintStream out) {
        this.stack = requireNonNull(stack, "stack is null");
        this.out = requireNonNull(out, "out is null");
        this.thread = new Thread(this::run, "simulator");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long sent() {
        return sent.get();
    }

    private void run() {
        StackSettings settings = stack.settings();
        TrafficConfig traffic = TrafficConfig.messy().toBuilder()
                .seed(settings.seed())
                .start(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .events(LIVE_EVENTS)
                .eventsPerSecond(settings.eventsPerSecond())
                .build();
        try (TrafficSender sender = new TrafficSender(stack)) {
            long lastFlush = System.nanoTime();
            for (Iterator<Delivery> deliveries = Scenario.of(traffic).iterator(); deliveries.hasNext() && !stopped;) {
                Delivery delivery = deliveries.next();
                try {
                    if (delivery.event() != null) {
                        long wait = Duration.between(Instant.now(), delivery.event().eventTime()).toMillis();
                        if (wait > 0) {
                            sender.flush();
                            lastFlush = System.nanoTime();
                            Thread.sleep(wait);
                        }
                    }
                    sender.send(delivery);
                    sent.incrementAndGet();
                    if (System.nanoTime() - lastFlush > FLUSH_INTERVAL.toNanos()) {
                        sender.flush();
                        lastFlush = System.nanoTime();
                    }
                } catch (IllegalStateException e) {
                    if (stopped) {
                        // A send cut short by the stop: nothing to report, the stream client closes below.
                        break;
                    }
                    // A retailer backend keeps going when the platform is slow or down: it reports, waits, resumes.
                    out.println(Instant.now() + " simulator: " + e.getMessage() + "; resuming in "
                            + RETRY_PAUSE.toSeconds() + " s");
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped) {
                out.println("simulator stopped: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        // The stream client sends what it holds before it closes: the stream must still be up.
        thread.join(Duration.ofSeconds(30).toMillis());
    }
}
