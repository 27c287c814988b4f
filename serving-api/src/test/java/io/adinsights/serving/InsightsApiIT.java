package io.adinsights.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.cql.CqlServerExtension;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.ScenarioSize;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.oracle.Counts;
import io.adinsights.traffic.oracle.Metric;
import io.adinsights.traffic.oracle.OracleSettings;
import io.adinsights.traffic.oracle.Truth;
import io.adinsights.traffic.oracle.TruthOracle;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole API against a real CQL server and a real local Iceberg lake, both filled from the traffic oracle: the
 * lake holds the batch truth, ScyllaDB the speed truth (they differ by the late events), and every answer must be the
 * batch truth before the boundary and the speed truth from it on, bucket by bucket.
 */
@ExtendWith(CqlServerExtension.class)
class InsightsApiIT {

    private static final String KEYSPACE = "serving_it";
    private static final String ADVERTISER = "adv-1";
    private static final String SCOPE = "insights.read";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Instant start;
    private static Truth truth;
    private static String campaign;
    private static String otherCampaign;
    private static String ad;
    private static Instant watermark;
    private static Instant normalNow;
    private static MutableClock clock;
    private static LakeFixture lake;
    private static JwtIssuer issuer;
    private static ConfigurableApplicationContext app;
    private static HttpClient http;
    private static String base;
    private static String token;

    @BeforeAll
    static void startApi(CqlServer cql, @TempDir Path lakeDir) {
        TrafficConfig config = TrafficConfig.messy().toBuilder().size(ScenarioSize.SMALL).seed(7)
                .events(20_000).eventsPerSecond(0.1).build();
        long t0 = System.nanoTime();
        truth = TruthOracle.compute(Scenario.of(config), OracleSettings.of(config));
        log("oracle", t0);
        start = Granularity.HOUR.bucketStart(config.start());
        campaign = biggest(truth, null);
        otherCampaign = biggest(truth, campaign);
        ad = truth.batch().adRows(Granularity.HOUR).keySet().stream()
                .filter(key -> key.campaignId().equals(campaign)).findFirst().orElseThrow().adId();
        // The speed layer is trusted from S+12h on (now - 30 d + 1 h margin); the batch watermark is at S+36h.
        watermark = start.plus(Duration.ofHours(36));
        normalNow = start.plus(Duration.ofDays(30)).plus(Duration.ofHours(11)).plusSeconds(17);
        clock = new MutableClock(normalNow);
        try (CqlSession session = cql.openSession()) {
            ScyllaFixture.createSchema(session, KEYSPACE);
            ScyllaFixture.fill(session, KEYSPACE, truth.speed(), Set.of(campaign, otherCampaign));
            ScyllaFixture.progress(session, KEYSPACE, "speed-layer", start.plus(Duration.ofHours(60)));
        }
        log("cql filled", t0);
        lake = new LakeFixture(lakeDir);
        // All batch rows, also after the watermark: the API must not read past it.
        lake.append(truth.batch().adRows(Granularity.HOUR), watermark);
        log("lake filled", t0);
        issuer = new JwtIssuer();
        app = new SpringApplicationBuilder(InsightsApiApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run(Stream.of(
                        arg("server.port", "0"),
                        arg("server.address", "127.0.0.1"),
                        arg("insights.scylla.contact-points", "127.0.0.1:" + cql.port()),
                        arg("insights.scylla.local-datacenter", cql.localDatacenter()),
                        arg("insights.scylla.keyspace", KEYSPACE),
                        arg("insights.historical.lakehouse[LAKEHOUSE_LOCAL_DIR]", lakeDir.toString()),
                        arg("insights.historical.refresh-interval", "PT0S"),
                        arg("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.jwkSetUri()),
                        arg("spring.security.oauth2.resourceserver.jwt.issuer-uri", JwtIssuer.ISSUER),
                        arg("insights.security.campaign-owners[" + ADVERTISER + "][0]", campaign),
                        arg("insights.security.campaign-owners[" + ADVERTISER + "][1]", "cmp-new-*"),
                        arg("insights.security.campaign-owners[adv-2][0]", otherCampaign)).toArray(String[]::new));
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        log("api started", t0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        token = issuer.token(SCOPE, List.of(ADVERTISER));
    }

    private static String arg(String key, String value) {
        return "--" + key + "=" + value;
    }

    private static void log(String what, long t0) {
        System.out.printf("MEASURED %s after %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stopApi() throws IOException {
        if (app != null) {
            app.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        if (lake != null) {
            lake.close();
        }
    }

    @BeforeEach
    void normalClock() {
        clock.set(normalNow);
    }

    @Test
    void fullyHistoricalRangeIsTheBatchTruth() throws Exception {
        Instant from = start;
        Instant to = start.plus(Duration.ofHours(24));
        JsonNode answer = get(campaign, "impressions", Map.of("from", from, "to", to, "granularity", "hour"));
        assertThat(Instant.parse(answer.get("boundary").get("at").asString())).isEqualTo(watermark);
        assertExact(answer, Metric.IMPRESSIONS, Optional.empty(), hours(from, to));
        assertThat(answer.get("gaps").size()).isZero();
        assertThat(answer.get("total").asLong()).isEqualTo(truth.batch().total(campaign, Metric.IMPRESSIONS, from, to));
    }

    @Test
    void fullyRealtimeRangeIsTheSpeedTruth() throws Exception {
        Instant from = watermark.plus(Duration.ofHours(2));
        Instant to = start.plus(Duration.ofHours(56));
        JsonNode answer = get(campaign, "clicks", Map.of("from", from, "to", to));
        assertExact(answer, Metric.CLICKS, Optional.empty(), hours(from, to));
        assertThat(answer.get("total").asLong()).isEqualTo(truth.speed().total(campaign, Metric.CLICKS, from, to));
        assertThat(answer.get("boundary").get("realtimeUpTo").asString())
                .isEqualTo(start.plus(Duration.ofHours(60)).toString());
    }

    @Test
    void acrossTheBoundaryEachSideCountsItsBucketsOnce() throws Exception {
        Instant from = start;
        Instant to = start.plus(Duration.ofHours(56));
        for (Metric metric : Metric.values()) {
            JsonNode answer = get(campaign, name(metric), Map.of("from", from, "to", to, "granularity", "hour"));
            assertExact(answer, metric, Optional.empty(), hours(from, to));
            long expected = truth.batch().total(campaign, metric, from, watermark)
                    + truth.speed().total(campaign, metric, watermark, to);
            assertThat(answer.get("total").asLong()).as(metric.name()).isEqualTo(expected);
        }
        // The batch and speed truths differ here (late events), so a misplaced boundary cannot pass.
        assertThat(truth.batch().total(campaign, Metric.IMPRESSIONS, start, to))
                .isNotEqualTo(truth.speed().total(campaign, Metric.IMPRESSIONS, start, to));
    }

    @Test
    void summaryCarriesTheThreeMetricsAndTheRate() throws Exception {
        Instant from = start;
        Instant to = start.plus(Duration.ofHours(48));
        JsonNode answer = get(campaign, "summary", Map.of("from", from, "to", to));
        long clicks = expectedTotal(Metric.CLICKS, Optional.empty(), hours(from, to));
        long baskets = expectedTotal(Metric.CLICK_TO_BASKET, Optional.empty(), hours(from, to));
        assertThat(answer.get("total").get("clicks").asLong()).isEqualTo(clicks);
        assertThat(answer.get("total").get("clickToBasket").asLong()).isEqualTo(baskets);
        assertThat(answer.get("total").get("clickToBasketRate").asDouble()).isEqualTo((double) baskets / clicks);
        JsonNode ctb = get(campaign, "clickToBasket", Map.of("from", from, "to", to));
        assertThat(ctb.get("clicks").asLong()).isEqualTo(clicks);
        assertThat(ctb.get("clickToBasketRate").asDouble()).isEqualTo((double) baskets / clicks);
    }

    @Test
    void adBreakdownMergesTheAdTables() throws Exception {
        Instant from = start;
        Instant to = start.plus(Duration.ofHours(56));
        JsonNode answer = get(campaign, "impressions", Map.of("from", from, "to", to, "adId", ad));
        assertThat(answer.get("adId").asString()).isEqualTo(ad);
        assertExact(answer, Metric.IMPRESSIONS, Optional.of(ad), hours(from, to));
    }

    @Test
    void minuteSeriesAfterTheBoundarySumsToTheHourTotal() throws Exception {
        Instant from = watermark;
        Instant to = watermark.plus(Duration.ofHours(3));
        JsonNode minutes = get(campaign, "impressions", Map.of("from", from, "to", to, "granularity", "minute"));
        assertThat(minutes.get("series").size()).isEqualTo(180);
        List<Instant> minuteStarts = new ArrayList<>();
        for (Instant m = from; m.isBefore(to); m = m.plus(Duration.ofMinutes(1))) {
            minuteStarts.add(m);
        }
        for (int i = 0; i < minuteStarts.size(); i++) {
            assertThat(minutes.get("series").get(i).get("value").asLong()).isEqualTo(
                    truth.speed().campaign(Granularity.MINUTE, campaign, minuteStarts.get(i)).impressions());
        }
        JsonNode hoursAnswer = get(campaign, "impressions", Map.of("from", from, "to", to, "granularity", "hour"));
        assertThat(sum(minutes)).isEqualTo(minutes.get("total").asLong())
                .isEqualTo(hoursAnswer.get("total").asLong()).isEqualTo(sum(hoursAnswer));
    }

    @Test
    void minutesBeforeTheBoundaryAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> response = send(campaign, "impressions", Map.of("from", watermark.minusSeconds(3600),
                "to", watermark.plusSeconds(3600), "granularity", "minute"), token);
        assertProblem(response, 400, "granularity");
        assertThat(response.body()).contains("boundary");
    }

    @Test
    void daysInParisAcrossTheDstChangeAreBuiltFromHours() throws Exception {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant from = LocalDate.parse("2026-03-29").atStartOfDay(paris).toInstant();
        Instant to = LocalDate.parse("2026-04-01").atStartOfDay(paris).toInstant();
        JsonNode answer = get(campaign, "summary", Map.of("from", from, "to", to, "granularity", "day",
                "tz", "Europe/Paris"));
        JsonNode series = answer.get("series");
        assertThat(series.size()).isEqualTo(3);
        assertThat(series.get(0).get("bucketStart").asString()).isEqualTo("2026-03-28T23:00:00Z");
        assertThat(series.get(1).get("bucketStart").asString()).isEqualTo("2026-03-29T22:00:00Z");
        assertDays(answer, paris, from, to);
    }

    @Test
    void daysInNewYork() throws Exception {
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant from = LocalDate.parse("2026-03-29").atStartOfDay(newYork).toInstant();
        Instant to = LocalDate.parse("2026-03-31").atStartOfDay(newYork).toInstant();
        JsonNode answer = get(campaign, "summary", Map.of("from", from, "to", to, "granularity", "day",
                "tz", "America/New_York"));
        assertThat(answer.get("series").get(0).get("bucketStart").asString()).isEqualTo("2026-03-29T04:00:00Z");
        assertDays(answer, newYork, from, to);
    }

    @Test
    void zonesWhoseDaysAreNotWholeHoursAreRefused() throws Exception {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant from = LocalDate.parse("2026-03-29").atStartOfDay(kolkata).toInstant();
        HttpResponse<String> response = send(campaign, "clicks", Map.of("from", from,
                "to", from.plus(Duration.ofDays(1)), "granularity", "day", "tz", "Asia/Kolkata"), token);
        assertProblem(response, 400, "tz");
        // By hour the same zone is fine: hours are UTC hours.
        JsonNode byHour = get(campaign, "clicks", Map.of("from", start, "to", start.plusSeconds(7200),
                "tz", "Asia/Kolkata"));
        assertThat(byHour.get("series").size()).isEqualTo(2);
    }

    @Test
    void laggingBatchLayerIsReportedAsAGap() throws Exception {
        // 35 hours later the speed layer is trusted from S+48h only, while the watermark is still S+36h.
        clock.set(normalNow.plus(Duration.ofHours(35)));
        Instant floor = start.plus(Duration.ofHours(48));
        Instant from = start;
        Instant to = start.plus(Duration.ofHours(56));
        JsonNode answer = get(campaign, "impressions", Map.of("from", from, "to", to));
        assertThat(Instant.parse(answer.get("boundary").get("at").asString())).isEqualTo(floor);
        assertThat(answer.get("complete").asBoolean()).isFalse();
        JsonNode gap = answer.get("gaps").get(0);
        assertThat(answer.get("gaps").size()).isEqualTo(1);
        assertThat(Instant.parse(gap.get("from").asString())).isEqualTo(watermark);
        assertThat(Instant.parse(gap.get("to").asString())).isEqualTo(floor);
        assertThat(gap.get("reason").asString()).isEqualTo("BATCH_BEHIND");
        assertExact(answer, Metric.IMPRESSIONS, Optional.empty(), hours(from, to));
        for (JsonNode point : answer.get("series")) {
            Instant bucket = Instant.parse(point.get("bucketStart").asString());
            boolean inGap = !bucket.isBefore(watermark) && bucket.isBefore(floor);
            assertThat(point.get("complete").asBoolean()).as(bucket.toString()).isEqualTo(!inGap);
        }
    }

    @Test
    void aMovingWatermarkMovesTheBoundaryAndEveryAnswerIsExact() throws Exception {
        Instant from = start;
        Instant to = start.plus(Duration.ofHours(56));
        JsonNode before = get(campaign, "clicks", Map.of("from", from, "to", to));
        assertExact(before, Metric.CLICKS, Optional.empty(), hours(from, to));
        Instant moved = watermark.plus(Duration.ofHours(4));
        lake.moveWatermark(moved);
        Instant previous = watermark;
        watermark = moved;
        try {
            JsonNode after = get(campaign, "clicks", Map.of("from", from, "to", to));
            assertThat(Instant.parse(after.get("boundary").get("at").asString())).isEqualTo(moved);
            assertExact(after, Metric.CLICKS, Optional.empty(), hours(from, to));
        } finally {
            assertThat(previous).isBefore(moved);
        }
    }

    @Test
    void unknownCampaignIsAnHonestEmptyAnswer() throws Exception {
        JsonNode answer = get("cmp-new-0001", "summary", Map.of("from", start, "to", start.plus(Duration.ofHours(48))));
        assertThat(answer.get("total").get("impressions").asLong()).isZero();
        assertThat(answer.get("total").get("clickToBasketRate").isNull()).isTrue();
        assertThat(answer.get("series").size()).isEqualTo(48);
        assertThat(answer.get("complete").asBoolean()).isTrue();
    }

    @Test
    void withoutAValidTokenItIs401() throws Exception {
        Map<String, Object> range = Map.of("from", start, "to", start.plusSeconds(3600));
        HttpResponse<String> none = send(campaign, "clicks", range, null);
        assertProblem(none, 401, null);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(send(campaign, "clicks", range, "not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(send(campaign, "clicks", range, issuer.expiredToken(SCOPE, List.of(ADVERTISER))).statusCode())
                .isEqualTo(401);
        assertThat(send(campaign, "clicks", range, issuer.tokenSignedByAnotherKey(SCOPE, List.of(ADVERTISER)))
                .statusCode()).isEqualTo(401);
        assertThat(send(campaign, "clicks", range, issuer.tokenFromAnotherIssuer(SCOPE, List.of(ADVERTISER)))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void anotherAdvertisersCampaignOrAMissingScopeIs403() throws Exception {
        Map<String, Object> range = Map.of("from", start, "to", start.plusSeconds(3600));
        assertProblem(send(otherCampaign, "clicks", range, token), 403, null);
        assertProblem(send(campaign, "clicks", range, issuer.token("other.scope", List.of(ADVERTISER))), 403, null);
        String otherAdvertiser = issuer.token(SCOPE, List.of("adv-2"));
        assertThat(send(otherCampaign, "clicks", range, otherAdvertiser).statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        Map<String, Object> ok = Map.of("from", start, "to", start.plusSeconds(3600));
        assertProblem(send(campaign, "views", ok, token), 400, "metric");
        assertProblem(send(campaign, "clicks", Map.of("from", "yesterday", "to", start), token), 400, "from");
        assertProblem(send(campaign, "clicks", Map.of("from", start, "to", start), token), 400, "from");
        assertProblem(send(campaign, "clicks", Map.of("from", start.plusSeconds(60), "to", start.plusSeconds(7200)),
                token), 400, "from");
        assertProblem(send(campaign, "clicks", Map.of("from", "1999-01-01T00:00:00Z", "to", start), token), 400,
                "from");
        assertProblem(send(campaign, "clicks", Map.of("from", start.minus(Duration.ofDays(500)), "to", start),
                token), 400, "to");
        assertProblem(send(campaign, "clicks", Map.of("from", start, "to", start.plusSeconds(3600), "tz", "Mars/Base"),
                token), 400, "tz");
        assertProblem(send(campaign, "clicks", Map.of("from", start, "to", start.plusSeconds(3600), "granularity",
                "week"), token), 400, "granularity");
        assertProblem(send("x".repeat(129), "clicks", ok, token), 400, "campaignId");
        assertProblem(send(campaign, "clicks", Map.of("from", start.minus(Duration.ofDays(300)), "to", start,
                "granularity", "hour"), token), 400, "granularity");
        assertProblem(send(campaign, "clicks", Map.of("from", start, "to", start.plus(Duration.ofDays(300))),
                token), 400, "to");
    }

    @Test
    void aThousandMalformedRequestsGiveNo5xx() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        String[] values = {"", " ", "2026-03-29T00:00:00Z", "2026-03-29T00:00:00", "2026-02-30T00:00:00Z", "-1",
            "99999999999999999999", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "null", "%00", "\u0000",
            "2026-03-29T00:00:00+05:30", "2026-03-29T00:30:00Z", "P1D", "hour", "minute", "day", "HOUR", "Europe/Paris",
            "Asia/Kolkata", "UTC+25", "../../etc/passwd", "'; DROP TABLE x; --", "{\"a\":1}", "\u00e9\u00e8",
            "2000-01-01T00:00:00Z", "2099-12-31T00:00:00Z", "1970-01-01T00:00:00Z", "x".repeat(300), "ad-1",
            start.toString(), watermark.toString(), start.plus(Duration.ofDays(400)).toString()};
        String[] params = {"from", "to", "granularity", "tz", "adId", "unknown"};
        String[] metrics = {"impressions", "clicks", "clickToBasket", "summary", "IMPRESSIONS", "x", "", "clicks.json"};
        int fiveHundreds = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> query = new TreeMap<>();
            int n = random.nextInt(5);
            for (int p = 0; p < n; p++) {
                query.put(params[random.nextInt(params.length)], values[random.nextInt(values.length)]);
            }
            String campaignId = random.nextInt(4) == 0 ? values[random.nextInt(values.length)] : campaign;
            String metric = metrics[random.nextInt(metrics.length)];
            HttpResponse<String> response = send(campaignId, metric, query, token);
            if (response.statusCode() >= 500) {
                fiveHundreds++;
                failures.add(campaignId + "/" + metric + " " + query + " -> " + response.body());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(fiveHundreds).isZero();
    }

    @Test
    void actuatorReportsEachStoreAndLatencyHistogramsPerEndpoint() throws Exception {
        get(campaign, "clicks", Map.of("from", start, "to", start.plusSeconds(3600)));
        JsonNode stores = JSON.readTree(plain("/actuator/health/stores", 200));
        assertThat(stores.get("status").asString()).isEqualTo("UP");
        assertThat(stores.get("components").get("scylla").get("status").asString()).isEqualTo("UP");
        assertThat(stores.get("components").get("lake").get("details").get("batchUpTo").asString())
                .isEqualTo(watermark.toString());
        assertThat(plain("/actuator/health/liveness", 200)).contains("UP");
        assertThat(plain("/actuator/health/readiness", 200)).contains("UP");
        assertThat(plain("/v3/api-docs", 200)).contains("/ad/{campaignId}/{metric}").contains("clickToBasket");
        assertThat(plain("/actuator/prometheus", 200))
                .contains("http_server_requests_seconds_bucket")
                .contains("uri=\"/ad/{campaignId}/{metric}\"")
                // The cache of the speed layer's final buckets is on by default.
                .contains("insights_realtime_cache_buckets_total")
                .contains("cache=\"realtime-final-buckets\"");
    }

    private static String plain(String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        return response.body();
    }

    private static void assertDays(JsonNode answer, ZoneId zone, Instant from, Instant to) {
        long total = 0;
        JsonNode series = answer.get("series");
        int i = 0;
        for (LocalDate day = LocalDate.ofInstant(from, zone); day.atStartOfDay(zone).toInstant().isBefore(to);
                day = day.plusDays(1), i++) {
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            List<Instant> hours = hours(dayStart, dayEnd);
            if (day.equals(LocalDate.parse("2026-03-29")) && zone.getId().equals("Europe/Paris")) {
                assertThat(hours).hasSize(23);
            }
            JsonNode point = series.get(i);
            assertThat(Instant.parse(point.get("bucketStart").asString())).isEqualTo(dayStart);
            for (Metric metric : Metric.values()) {
                long expected = expectedTotal(metric, Optional.empty(), hours);
                assertThat(point.get(name(metric)).asLong()).as(day + " " + metric).isEqualTo(expected);
            }
            total += point.get("impressions").asLong();
        }
        assertThat(i).isEqualTo(series.size());
        assertThat(answer.get("total").get("impressions").asLong()).isEqualTo(total);
    }

    /** Each hourly point is the batch truth before the watermark, the speed truth from the boundary, 0 in a gap. */
    private static void assertExact(JsonNode answer, Metric metric, Optional<String> adId, List<Instant> hours) {
        JsonNode series = answer.get("series");
        assertThat(series.size()).isEqualTo(hours.size());
        for (int i = 0; i < hours.size(); i++) {
            assertThat(Instant.parse(series.get(i).get("bucketStart").asString())).isEqualTo(hours.get(i));
            assertThat(series.get(i).get("value").asLong()).as(hours.get(i) + " " + metric)
                    .isEqualTo(expectedHour(metric, adId, hours.get(i)));
        }
        assertThat(sum(answer)).isEqualTo(answer.get("total").asLong())
                .isEqualTo(expectedTotal(metric, adId, hours));
    }

    private static long expectedTotal(Metric metric, Optional<String> adId, List<Instant> hours) {
        return hours.stream().mapToLong(hour -> expectedHour(metric, adId, hour)).sum();
    }

    private static long expectedHour(Metric metric, Optional<String> adId, Instant hour) {
        Instant floor = Granularity.HOUR.bucketEnd(clock.instant().minus(Duration.ofDays(30))
                .plus(Duration.ofHours(1)).minusNanos(1));
        Instant boundary = watermark.isAfter(floor) ? watermark : floor;
        Counts counts;
        if (hour.isBefore(watermark)) {
            counts = adId.map(a -> truth.batch().ad(Granularity.HOUR, campaign, a, hour))
                    .orElseGet(() -> truth.batch().campaign(Granularity.HOUR, campaign, hour));
        } else if (hour.isBefore(boundary)) {
            counts = Counts.ZERO;
        } else {
            counts = adId.map(a -> truth.speed().ad(Granularity.HOUR, campaign, a, hour))
                    .orElseGet(() -> truth.speed().campaign(Granularity.HOUR, campaign, hour));
        }
        return counts.get(metric);
    }

    private static List<Instant> hours(Instant from, Instant to) {
        List<Instant> hours = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            hours.add(hour);
        }
        return hours;
    }

    private static long sum(JsonNode answer) {
        long sum = 0;
        for (JsonNode point : answer.get("series")) {
            sum += point.get("value").asLong();
        }
        return sum;
    }

    private static String name(Metric metric) {
        return switch (metric) {
            case IMPRESSIONS -> "impressions";
            case CLICKS -> "clicks";
            case CLICK_TO_BASKET -> "clickToBasket";
        };
    }

    private static String biggest(Truth truth, String except) {
        return truth.batch().campaignRows(Granularity.HOUR).entrySet().stream()
                .filter(e -> !e.getKey().campaignId().equals(except))
                .collect(Collectors.groupingBy(e -> e.getKey().campaignId(),
                        Collectors.summingLong(e -> e.getValue().impressions())))
                .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        if (field != null) {
            assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo(field);
        }
    }

    private static JsonNode get(String campaignId, String metric, Map<String, Object> query) throws Exception {
        HttpResponse<String> response = send(campaignId, metric, query, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String campaignId, String metric, Map<String, Object> query,
            String bearer) throws Exception {
        String queryString = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + "/ad/" + encode(campaignId).replace("+", "%20") + "/" + encode(metric)
                + (queryString.isEmpty() ? "" : "?" + queryString));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
