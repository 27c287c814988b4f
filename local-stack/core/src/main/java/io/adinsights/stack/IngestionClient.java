package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends records to {@code POST /events} as newline-delimited JSON, as a retailer backend would: a 503 or a lost
 * connection resends the batch after a backoff, a 207 resends only the records that failed; rejected records are the
 * platform's to dead-letter, and are counted.
 */
final class IngestionClient {

    /** The endpoint's own limit is 500 records a request. */
    static final int MAX_BATCH_RECORDS = 500;
    private static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI events;

    /** What became of a batch. */
    record Result(int accepted, int rejected) {
    }

    IngestionClient(URI ingestion) {
        this.events = requireNonNull(ingestion, "ingestion is null").resolve("/events");
    }

    /**
     * Sends {@code records} (none of them holding a line break: one record a line) until each is accepted or
     * rejected.
     *
     * @throws IllegalStateException if some records still fail after every attempt
     */
    Result send(List<byte[]> records) throws InterruptedException {
        List<byte[]> pending = records;
        int accepted = 0;
        int rejected = 0;
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson(pending))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                checkAttempts(attempt, pending.size(), e.toString());
                continue;
            }
            int status = response.statusCode();
            if (status == 503) {
                checkAttempts(attempt, pending.size(), "503 from ingestion");
                continue;
            }
            if (status != 200 && status != 207 && status != 400) {
                throw new IllegalStateException("Ingestion answered " + status + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            JsonNode results = JSON.readTree(response.body()).path("results");
            List<byte[]> failed = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                String outcome = results.path(i).path("status").asString("");
                switch (outcome) {
                    case "accepted" -> accepted++;
                    case "rejected" -> rejected++;
                    case "failed" -> failed.add(pending.get(i));
                    default -> throw new IllegalStateException("Ingestion gave no result for record " + i
                            + " of a batch of " + pending.size() + " (status " + status + ")");
                }
            }
            if (!failed.isEmpty()) {
                checkAttempts(attempt, failed.size(), "records failed to reach the stream");
            }
            pending = failed;
        }
        return new Result(accepted, rejected);
    }

    private static void checkAttempts(int attempt, int records, String why) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException(records + " records not delivered after " + attempt + " attempts: " + why);
        }
    }

    private static byte[] ndjson(List<byte[]> records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] record : records) {
            body.writeBytes(record);
            body.write('\n');
        }
        return body.toByteArray();
    }
}
