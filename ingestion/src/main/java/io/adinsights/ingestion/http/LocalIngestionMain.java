package io.adinsights.ingestion.http;

import io.adinsights.ingestion.EventIngestor;
import io.adinsights.ingestion.IngestionConfig;
import io.adinsights.ingestion.stream.StreamWriter;
import io.adinsights.schemas.parse.EventParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local ingestion server until Ctrl-C. Configured like the Lambda ({@link IngestionConfig}), plus
 * {@code INGESTION_PORT} (default {@value #PORT_DEFAULT}).
 */
public final class LocalIngestionMain {

    static final int PORT_DEFAULT = 8081;

    private LocalIngestionMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        IngestionConfig config = IngestionConfig.fromEnvironment();
        int port = Integer.parseInt(System.getenv().getOrDefault("INGESTION_PORT", String.valueOf(PORT_DEFAULT)));
        StreamWriter events = config.eventsWriter();
        StreamWriter deadLetters = config.deadLetterWriter();
        EventIngestor ingestor = new EventIngestor(EventParser.create(), events, deadLetters, Clock.systemUTC(),
                new SimpleMeterRegistry());
        LocalIngestionServer server = new LocalIngestionServer(new IngestionEndpoint(ingestor, config.limits()), port);
        System.out.println("Ingestion ready: POST " + server.uri() + IngestionEndpoint.PATH + " -> "
                + events.destination() + " (dead letters -> " + deadLetters.destination() + "). Ctrl-C to stop.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            events.close();
            deadLetters.close();
            stopped.countDown();
        }, "ingestion-shutdown"));
        stopped.await();
    }
}
