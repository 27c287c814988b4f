package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few calls of insights-api the local stack makes, as any client would (the dev profile needs no token). */
final class InsightsApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private int requests;

    InsightsApiClient(URI api) {
        this.api = requireNonNull(api, "api is null");
    }

    /** {@code GET /ad/{campaign}/summary} with hourly buckets over [from, to). */
    JsonNode summary(String campaign, Instant from, Instant to) throws IOException, InterruptedException {
        URI uri = api.resolve("/ad/" + URLEncoder.encode(campaign, StandardCharsets.UTF_8) + "/summary?from=" + from
                + "&to=" + to + "&granularity=hour");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        requests++;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    /** The boundary between lake and real-time store the API places now (every answer carries it). */
    Instant boundary(String campaign) throws IOException, InterruptedException {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        JsonNode answer = summary(campaign, hour.minus(Duration.ofHours(1)), hour.plus(Duration.ofHours(1)));
        return Instant.parse(answer.path("boundary").path("at").asString());
    }

    int requests() {
        return requests;
    }
}
