package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.traffic.measure.LatencySummary;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Freshness as a dashboard user sees it, against a running stack: one impression at a time is posted to the ingestion
 * endpoint with the current time as its event time, and insights-api is asked, as the dashboard asks it, until the
 * impression is counted. The time between the two is the freshness of that event. Probes go to a campaign of their own
 * so that they never mix with the simulated traffic.
 */
final class FreshnessProbe {

    static final String PROBE_CAMPAIGN = "cmp-freshness-probe";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final IngestionClient ingestion;
    private final InsightsApiClient api;
    private final PrintStream out;

    FreshnessProbe(URI ingestionUri, URI apiUri, PrintStream out) {
        this.ingestion = new IngestionClient(requireNonNull(ingestionUri, "ingestionUri is null"));
        this.api = new InsightsApiClient(requireNonNull(apiUri, "apiUri is null"));
        this.out = requireNonNull(out, "out is null");
    }

    /** Sends {@code probes} impressions one after the other; returns each one's freshness in milliseconds. */
    long[] measure(int probes) throws IOException, InterruptedException {
        long[] freshness = new long[probes];
        for (int i = 0; i < probes; i++) {
            Instant eventTime = Instant.now();
            // The probe's hour and the one before: the API takes no range past the end of the current hour.
            Instant to = eventTime.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            Instant from = to.minus(Duration.ofHours(2));
            long before = impressions(from, to);
            AdEvent probe = AdEvent.impression(UUID.randomUUID().toString(), eventTime, PROBE_CAMPAIGN, "ad-probe");
            long sent = System.nanoTime();
            if (ingestion.send(List.of(EventJson.toJson(probe))).accepted() != 1) {
                throw new IllegalStateException("Ingestion rejected probe " + probe.eventId());
            }
            long deadline = sent + PROBE_TIMEOUT.toNanos();
            while (impressions(from, to) <= before) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Probe " + probe.eventId() + " not counted after "
                            + PROBE_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
            freshness[i] = (System.nanoTime() - sent) / 1_000_000;
            if ((i + 1) % 10 == 0) {
                out.printf("  %d/%d probes, last %d ms%n", i + 1, probes, freshness[i]);
            }
            Thread.sleep(PAUSE.toMillis());
        }
        return freshness;
    }

    private long impressions(Instant from, Instant to) throws IOException, InterruptedException {
        return api.summary(PROBE_CAMPAIGN, from, to).path("total").path("impressions").asLong();
    }

    /** The measured values in a line: p50, p90, p99 and max. */
    static String summary(long[] millis) {
        return "freshness over " + millis.length + " probes: " + LatencySummary.of(millis);
    }
}
