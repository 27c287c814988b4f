package io.adinsights.serving.store.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.serving.store.HistoricalStore;
import io.adinsights.serving.store.MetricCounts;
import io.adinsights.serving.store.SeriesRequest;
import io.adinsights.serving.store.StoreUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Athena store against a local HTTP server speaking Athena's JSON protocol (awsJson1_1) with the real AWS SDK:
 * the requests it sends (SQL text without user input, execution parameters, workgroup, output, result reuse), polling
 * with backoff, paging, timeouts and errors.
 */
class AthenaHistoricalStoreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant FROM = Instant.parse("2026-03-29T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-29T03:00:00Z");

    private final List<Map.Entry<String, JsonNode>> requests = new CopyOnWriteArrayList<>();
    /** Canned answers per operation, taken in order (the last one repeats). */
    private final Map<String, Deque<String[]>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private HttpServer server;
    private AthenaClient client;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target.substring(target.indexOf('.') + 1);
            requests.add(Map.entry(operation, JSON.readTree(exchange.getRequestBody().readAllBytes())));
            Deque<String[]> queue = answers.getOrDefault(operation, new ConcurrentLinkedDeque<>());
            String[] answer = queue.size() > 1 ? queue.poll() : queue.peek();
            int status = answer == null ? 200 : Integer.parseInt(answer[0]);
            byte[] body = (answer == null ? "{}" : answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = AthenaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterEach
    void stopStub() {
        client.close();
        server.stop(0);
    }

    @Test
    void queriesThePinnedSnapshotWithParametersPollsAndPages() {
        answer("StartQueryExecution", 200, "{\"QueryExecutionId\":\"q-1\"}");
        answer("GetQueryExecution", 200, state("QUEUED"));
        answer("GetQueryExecution", 200, state("RUNNING"));
        answer("GetQueryExecution", 200, state("RUNNING"));
        answer("GetQueryExecution", 200, state("SUCCEEDED"));
        answer("GetQueryResults", 200, "{\"ResultSet\":{\"Rows\":[" + row("hour", "a", "b", "c") + ","
                + row("2026-03-29 00:00:00.000000 UTC", "10", "2", "1") + "]},\"NextToken\":\"page-2\"}");
        answer("GetQueryResults", 200, "{\"ResultSet\":{\"Rows\":["
                + row("2026-03-29 02:00:00.000000 UTC", "7", "0", "0") + "]}}");

        HistoricalStore.LakeState state = store(Duration.ofSeconds(30)).pin();
        assertThat(state.watermark()).contains(TO);
        SortedResult result = new SortedResult(state.read(new SeriesRequest("cmp-1'; DROP TABLE x; --",
                Optional.of("ad-1"), Granularity.HOUR, FROM, TO)));

        assertThat(result.rows()).isEqualTo(Map.of(FROM, new MetricCounts(10, 2, 1),
                Instant.parse("2026-03-29T02:00:00Z"), new MetricCounts(7, 0, 0)));
        JsonNode start = requests.get(0).getValue();
        assertThat(requests.get(0).getKey()).isEqualTo("StartQueryExecution");
        String sql = start.get("QueryString").asString();
        assertThat(sql).contains("FOR VERSION AS OF 4242").contains("campaign_id = ?").contains("ad_id = ?")
                .doesNotContain("cmp-1").doesNotContain("DROP");
        assertThat(start.get("ExecutionParameters").toString()).isEqualTo("[\"'cmp-1''; DROP TABLE x; --'\","
                + "\"'2026-03-29T00:00:00Z'\",\"'2026-03-29T03:00:00Z'\",\"'ad-1'\"]");
        assertThat(start.get("WorkGroup").asString()).isEqualTo("insights");
        assertThat(start.get("ResultConfiguration").get("OutputLocation").asString())
                .isEqualTo("s3://results/insights/");
        assertThat(start.get("QueryExecutionContext").get("Database").asString()).isEqualTo("adinsights");
        assertThat(start.get("ResultReuseConfiguration").get("ResultReuseByAgeConfiguration").get("Enabled")
                .asBoolean()).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        List<String> pages = requests.stream().filter(r -> r.getKey().equals("GetQueryResults"))
                .map(r -> r.getValue().has("NextToken") ? r.getValue().get("NextToken").asString() : "first")
                .toList();
        assertThat(pages).containsExactly("first", "page-2");
    }

    @Test
    void aQueryThatRunsTooLongIsStopped() {
        answer("StartQueryExecution", 200, "{\"QueryExecutionId\":\"q-2\"}");
        answer("GetQueryExecution", 200, state("RUNNING"));
        HistoricalStore.LakeState state = store(Duration.ofSeconds(1)).pin();
        assertThatThrownBy(() -> state.read(request())).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("timed out");
        assertThat(requests.get(requests.size() - 1).getKey()).isEqualTo("StopQueryExecution");
        assertThat(requests.get(requests.size() - 1).getValue().get("QueryExecutionId").asString())
                .isEqualTo("q-2");
    }

    @Test
    void failuresBecomeUnavailableNeverZeros() {
        answer("StartQueryExecution", 200, "{\"QueryExecutionId\":\"q-3\"}");
        answer("GetQueryExecution", 200, "{\"QueryExecution\":{\"QueryExecutionId\":\"q-3\",\"Status\":"
                + "{\"State\":\"FAILED\",\"StateChangeReason\":\"TABLE_NOT_FOUND\"}}}");
        assertThatThrownBy(() -> store(Duration.ofSeconds(30)).pin().read(request()))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("TABLE_NOT_FOUND");

        answers.clear();
        answer("StartQueryExecution", 400, "{\"__type\":\"InvalidRequestException\",\"Message\":\"bad workgroup\"}");
        assertThatThrownBy(() -> store(Duration.ofSeconds(30)).pin().read(request()))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("bad workgroup");
    }

    @Test
    void aLakeWithoutSnapshotReadsNothing() {
        AthenaHistoricalStore store = new AthenaHistoricalStore(client, properties(Duration.ofSeconds(5)),
                () -> new AthenaHistoricalStore.SnapshotPin(Optional.empty(), Optional.empty()), sleeps::add);
        assertThat(store.pin().read(request())).isEmpty();
        assertThat(requests).isEmpty();
    }

    private AthenaHistoricalStore store(Duration timeout) {
        return new AthenaHistoricalStore(client, properties(timeout),
                () -> new AthenaHistoricalStore.SnapshotPin(Optional.of(TO), Optional.of(4242L)), sleeps::add);
    }

    private static AthenaProperties properties(Duration timeout) {
        return new AthenaProperties("insights", "s3://results/insights/", "adinsights", null, timeout,
                Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(30));
    }

    private static SeriesRequest request() {
        return new SeriesRequest("cmp-1", Optional.empty(), Granularity.HOUR, FROM, TO);
    }

    private void answer(String operation, int status, String body) {
        String[] answer = {String.valueOf(status), body};
        answers.computeIfAbsent(operation, k -> new ConcurrentLinkedDeque<>()).add(answer);
    }

    private static String state(String state) {
        return "{\"QueryExecution\":{\"QueryExecutionId\":\"q\",\"Status\":{\"State\":\"" + state + "\"}}}";
    }

    private static String row(String... values) {
        StringBuilder row = new StringBuilder("{\"Data\":[");
        for (int i = 0; i < values.length; i++) {
            row.append(i == 0 ? "" : ",").append("{\"VarCharValue\":\"").append(values[i]).append("\"}");
        }
        return row.append("]}").toString();
    }

    private record SortedResult(Map<Instant, MetricCounts> rows) {
    }
}
