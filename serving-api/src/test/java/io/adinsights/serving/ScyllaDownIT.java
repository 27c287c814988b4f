package io.adinsights.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.traffic.oracle.AdBucket;
import io.adinsights.traffic.oracle.Counts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ScyllaDB really stops under a running API (its own CQL server, stopped by the test): answers keep the lake's part
 * exact and report the real-time part as unavailable, a range that is all real-time is a 503, health says DOWN, and
 * the circuit breaker makes the failing reads fast.
 */
class ScyllaDownIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theLakesPartIsStillAnsweredAndTheRestIsReported(@TempDir Path lakeDir) throws Exception {
        Instant watermark = Granularity.HOUR.bucketStart(Instant.now()).minus(Duration.ofHours(24));
        try (CqlServer cql = new CqlServer(); LakeFixture lake = new LakeFixture(lakeDir)) {
            cql.start();
            try (CqlSession session = cql.openSession()) {
                ScyllaFixture.createSchema(session, "down_it");
            }
            SortedMap<AdBucket, Counts> rows = new TreeMap<>();
            for (Instant h = watermark.minus(Duration.ofHours(48)); h.isBefore(watermark); h = h.plusSeconds(3600)) {
                rows.put(new AdBucket("cmp-1", "ad-1", h), new Counts(1, 1, 0));
            }
            lake.append(rows, watermark);
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(InsightsApiApplication.class)
                    .run("--server.port=0", "--server.address=127.0.0.1",
                            "--insights.scylla.contact-points=127.0.0.1:" + cql.port(),
                            "--insights.scylla.local-datacenter=" + cql.localDatacenter(),
                            "--insights.scylla.keyspace=down_it",
                            "--insights.security.enabled=false",
                            "--insights.historical.lakehouse[LAKEHOUSE_LOCAL_DIR]=" + lakeDir)) {
                String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
                HttpClient http = HttpClient.newHttpClient();
                String across = base + "/ad/cmp-1/impressions?from=" + watermark.minus(Duration.ofHours(24))
                        + "&to=" + watermark.plus(Duration.ofHours(12));
                assertThat(JSON.readTree(get(http, across, 200)).get("complete").asBoolean()).isTrue();

                cql.stop();

                for (int i = 0; i < 8; i++) {
                    long started = System.nanoTime();
                    JsonNode answer = JSON.readTree(get(http, across, 200));
                    assertThat(answer.get("total").asLong()).isEqualTo(24);
                    assertThat(answer.get("complete").asBoolean()).isFalse();
                    JsonNode gap = answer.get("gaps").get(0);
                    assertThat(gap.get("reason").asString()).isEqualTo("REALTIME_UNAVAILABLE");
                    assertThat(Instant.parse(gap.get("from").asString())).isEqualTo(watermark);
                    if (i == 7) {
                        // By now the breaker is open: no driver round trip, no timeout.
                        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
                    }
                }
                String realtimeOnly = base + "/ad/cmp-1/clicks?from=" + watermark + "&to="
                        + watermark.plus(Duration.ofHours(2));
                assertThat(JSON.readTree(get(http, realtimeOnly, 503)).get("status").asInt()).isEqualTo(503);
                JsonNode stores = JSON.readTree(get(http, base + "/actuator/health/stores", 503));
                assertThat(stores.get("components").get("scylla").get("status").asString()).isEqualTo("DOWN");
                assertThat(stores.get("components").get("scylla").get("details").get("circuitBreaker").asString())
                        .isEqualTo("OPEN");
                assertThat(stores.get("components").get("lake").get("status").asString()).isEqualTo("UP");
                assertThat(get(http, base + "/actuator/health/readiness", 200)).contains("UP");
            }
        }
    }

    private static String get(HttpClient http, String uri, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + " " + response.body()).isEqualTo(status);
        return response.body();
    }
}
