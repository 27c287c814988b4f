package io.adinsights.servers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a server's start time and resident memory from the integration tests; the README quotes these lines. */
public final class Measurements {
    private static final Logger LOG = LoggerFactory.getLogger(Measurements.class);

    private Measurements() {}

    public static void log(LocalServer server, String moment) {
        LOG.info("MEASURED {} {}: last start took {} ms, RSS {} MiB", server.name(), moment,
                server.startupTime().toMillis(),
                server.residentMemoryKib().stream().map(kib -> kib / 1024).findFirst().orElse(-1));
    }
}
