package io.adinsights.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.cql.CqlServerExtension;
import io.adinsights.serving.campaigns.CampaignList;
import io.adinsights.serving.store.scylla.ScyllaCampaignDirectory;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.ScenarioSize;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.oracle.Metric;
import io.adinsights.traffic.oracle.OracleSettings;
import io.adinsights.traffic.oracle.Truth;
import io.adinsights.traffic.oracle.TruthOracle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * The dashboard in a real headless Chromium, served by the real API (authentication on, real RS256 tokens) on a real
 * CQL server and a real local Iceberg lake filled from the traffic oracle (as {@link InsightsApiIT}): the page must
 * load without a token, ask for one, then show exactly what the API answers for the same campaign and range (totals,
 * rate, range, boundary, freshness, gaps, every bucket drawn), and keep polling. The screenshot of the first page is
 * {@code target/dashboard/dashboard.png}. Without Chromium the test fails and says how to install it.
 */
@ExtendWith(CqlServerExtension.class)
class DashboardIT {

    private static final String KEYSPACE = "dashboard_it";
    private static final String ADVERTISER = "adv-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    /** Everything the page shows that the test compares, read in one evaluation. */
    private static final String SHOWN = """
            JSON.stringify((() => {
              const $ = (id) => document.getElementById(id);
              const figure = (metric) => document.querySelector('figure[data-metric="' + metric + '"]');
              return {
                state: document.body.dataset.state, status: $('status').textContent,
                polls: Number(document.body.dataset.polls),
                impressions: $('total-impressions').dataset.value, impressionsText: $('total-impressions').textContent,
                clicks: $('total-clicks').dataset.value, clicksText: $('total-clicks').textContent,
                clickToBasket: $('total-clickToBasket').dataset.value,
                clickToBasketText: $('total-clickToBasket').textContent,
                rate: $('total-clickToBasketRate').dataset.value, rateText: $('total-clickToBasketRate').textContent,
                from: $('range-from').dataset.value, to: $('range-to').dataset.value,
                granularity: $('granularity').dataset.value,
                boundary: $('boundary-at').dataset.value, batchUpTo: $('batch-up-to').dataset.value,
                realtimeUpTo: $('realtime-up-to').dataset.value,
                gaps: Number($('gaps').dataset.count), gapsText: $('gaps').textContent,
                notice: $('notice').hidden ? '' : $('notice').textContent,
                points: ['impressions', 'clicks', 'clickToBasket', 'clickToBasketRate']
                  .map((m) => Number(figure(m).dataset.points)),
                sums: ['impressions', 'clicks', 'clickToBasket'].map((m) => Number(figure(m).dataset.sum)),
                charts: document.querySelectorAll('canvas').length,
                campaigns: Array.from(document.querySelectorAll('#campaign-list option')).map((o) => o.value),
              };
            })())""";

    private static Instant start;
    private static Truth truth;
    private static String campaign;
    private static String otherCampaign;
    private static Instant watermark;
    private static Instant normalNow;
    private static MutableClock clock;
    private static LakeFixture lake;
    private static JwtIssuer issuer;
    private static ConfigurableApplicationContext app;
    private static HttpClient http;
    private static String base;
    private static String token;
    private static HeadlessChromium chromium;
    private static Path artifacts;

    @BeforeAll
    static void startApiAndBrowser(CqlServer cql, @TempDir Path lakeDir) throws Exception {
        // Fail first, before minutes of set-up, when the browser is missing.
        HeadlessChromium.binary();
        long t0 = System.nanoTime();
        TrafficConfig config = TrafficConfig.messy().toBuilder().size(ScenarioSize.SMALL).seed(7)
                .events(20_000).eventsPerSecond(0.1).build();
        truth = TruthOracle.compute(Scenario.of(config), OracleSettings.of(config));
        start = Granularity.HOUR.bucketStart(config.start());
        campaign = biggest(null);
        otherCampaign = biggest(campaign);
        // The lake is complete up to S+36h; the speed layer has everything (also before) and is complete up to S+54h.
        // "Now" is in the traffic's last hour, S+54h: the last 24 h cross the boundary, and the speed layer's 30-day
        // floor is far behind.
        watermark = start.plus(Duration.ofHours(36));
        normalNow = start.plus(Duration.ofHours(54)).plusSeconds(17);
        clock = new MutableClock(normalNow);
        try (CqlSession session = cql.openSession()) {
            ScyllaFixture.createSchema(session, KEYSPACE);
            ScyllaFixture.fill(session, KEYSPACE, truth.speed(), Set.of(campaign, otherCampaign));
            ScyllaFixture.progress(session, KEYSPACE, "speed-layer", start.plus(Duration.ofHours(54)));
        }
        lake = new LakeFixture(lakeDir);
        lake.append(truth.batch().adRows(Granularity.HOUR), watermark);
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
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        token = issuer.token("insights.read", List.of(ADVERTISER));
        fetchKeysOnce();
        artifacts = Path.of(System.getProperty("adinsights.build.dir", "target"), "dashboard");
        chromium = HeadlessChromium.start(artifacts.resolve("chromium.log"), 1400, 1000);
        System.out.printf("MEASURED dashboard set-up after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The API fetches the issuer's key set when it sees its first token; on a loaded machine that one fetch can time
     * out (answered with a 500). It is done here, with a few tries, so that what follows tests the page.
     */
    private static void fetchKeysOnce() throws Exception {
        int status = 0;
        for (int attempt = 0; attempt < 3 && status != 200; attempt++) {
            status = http.send(HttpRequest.newBuilder(URI.create(base + "/campaigns"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        assertThat(status).as("GET /campaigns with a valid token").isEqualTo(200);
    }

    private static String arg(String key, String value) {
        return "--" + key + "=" + value;
    }

    @AfterAll
    static void stopApiAndBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
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
    void pageAsksForATokenThenShowsTheApiAnswerAcrossTheBoundary() throws Exception {
        chromium.load(base + "/dashboard?campaign=" + encode(campaign) + "&range=24h&tz=UTC&every=2");
        chromium.evaluate("sessionStorage.clear(), localStorage.clear(), true");
        chromium.load(base + "/dashboard?campaign=" + encode(campaign) + "&range=24h&tz=UTC&every=2");
        // The page and its assets (Chart.js included) are public; the API is not.
        chromium.waitUntil("document.body.dataset.state === 'unauthorized'", PAGE_TIMEOUT, SHOWN);
        assertThat(chromium.evaluate("typeof Chart").asString()).isEqualTo("function");
        assertThat(chromium.evaluate("location.pathname").asString()).isEqualTo("/dashboard/");

        chromium.evaluate("(() => { const t = document.getElementById('token'); t.value = '" + token + "';"
                + " t.dispatchEvent(new Event('change')); return true; })()");
        JsonNode shown = waitForLivePage();

        Instant to = start.plus(Duration.ofHours(55));
        Instant from = to.minus(Duration.ofHours(24));
        JsonNode answer = summary(campaign, from, to, "hour", "UTC");
        assertShowsTheAnswer(shown, answer, 24);
        assertThat(shown.get("gaps").asInt()).isZero();
        assertThat(shown.get("gapsText").asString()).isEqualTo("none");
        assertThat(shown.get("boundary").asString()).isEqualTo(watermark.toString());
        // What the page shows is the truth: the lake before the boundary, the speed layer from it.
        for (Metric metric : Metric.values()) {
            long expected = truth.batch().total(campaign, metric, from, watermark)
                    + truth.speed().total(campaign, metric, watermark, to);
            assertThat(shown.get(field(metric)).asLong()).as(metric.name()).isEqualTo(expected);
        }
        // The picker lists the campaigns of the token's advertiser that are listed by id, not the other's.
        assertThat(shown.get("campaigns").valueStream().map(JsonNode::asString).toList())
                .containsExactly(campaign);

        Path png = artifacts.resolve("dashboard.png");
        chromium.screenshot(png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(20_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void ninetyDaysAreDaysOfTheChosenZone() throws Exception {
        JsonNode shown = open("range=90d&tz=Europe/Paris");
        ZoneId paris = ZoneId.of("Europe/Paris");
        LocalDate today = normalNow.atZone(paris).toLocalDate();
        Instant to = today.plusDays(1).atStartOfDay(paris).toInstant();
        Instant from = today.plusDays(1).minusDays(90).atStartOfDay(paris).toInstant();
        JsonNode answer = summary(campaign, from, to, "day", "Europe/Paris");
        assertShowsTheAnswer(shown, answer, 90);
        chromium.screenshot(artifacts.resolve("dashboard-90d-paris.png"));
    }

    @Test
    void theLastHourIsShownByMinute() throws Exception {
        JsonNode shown = open("range=1h&tz=UTC");
        Instant to = Granularity.MINUTE.bucketEnd(normalNow);
        JsonNode answer = summary(campaign, to.minus(Duration.ofHours(1)), to, "minute", "UTC");
        assertShowsTheAnswer(shown, answer, 60);
        assertThat(shown.get("notice").asString()).isEmpty();
    }

    @Test
    void minutesRefusedBeforeTheBoundaryAreShownByHour() throws Exception {
        // Now just after the boundary: the last 6 h start in the lake, where minutes do not exist.
        Instant now = watermark.plus(Duration.ofHours(2)).plusSeconds(17);
        clock.set(now);
        JsonNode shown = open("range=6h&tz=UTC");
        Instant to = Granularity.HOUR.bucketEnd(now);
        JsonNode answer = summary(campaign, to.minus(Duration.ofHours(6)), to, "hour", "UTC");
        assertShowsTheAnswer(shown, answer, 6);
        assertThat(shown.get("notice").asString()).contains("showing hours").contains(watermark.toString());
    }

    @Test
    void aBatchLagIsShownAsAGap() throws Exception {
        // 30 days on, the speed layer's floor (now - 30 d + 1 h) is past the batch watermark: a BATCH_BEHIND gap.
        Instant now = start.plus(Duration.ofDays(30)).plus(Duration.ofHours(40)).plusSeconds(17);
        clock.set(now);
        JsonNode shown = open("range=90d&tz=UTC");
        Instant to = LocalDate.ofInstant(now, ZoneId.of("UTC")).plusDays(1).atStartOfDay(ZoneId.of("UTC"))
                .toInstant();
        JsonNode answer = summary(campaign, to.minus(Duration.ofDays(90)), to, "day", "UTC");
        assertThat(answer.get("gaps").size()).isPositive();
        assertShowsTheAnswer(shown, answer, 90);
        assertThat(shown.get("gapsText").asString()).contains("BATCH_BEHIND");
        chromium.screenshot(artifacts.resolve("dashboard-gap.png"));
    }

    @Test
    void theRealtimeStoreListsItsCampaigns(CqlServer cql) {
        try (CqlSession session = cql.openSession()) {
            CampaignList all = new ScyllaCampaignDirectory(session, KEYSPACE, 10, Duration.ZERO).campaigns();
            assertThat(all.ids()).containsExactlyElementsOf(Stream.of(campaign, otherCampaign).sorted().toList());
            assertThat(all.complete()).isTrue();
            CampaignList one = new ScyllaCampaignDirectory(session, KEYSPACE, 1, Duration.ZERO).campaigns();
            assertThat(one.ids()).hasSize(1);
            assertThat(one.complete()).isFalse();
        }
    }

    @Test
    void campaignsEndpointNeedsATokenAndListsOnlyTheCallersCampaigns() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/campaigns")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/campaigns"))
                .header("Authorization", "Bearer " + issuer.token("insights.read", List.of("adv-2"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(other.body());
        assertThat(body.get("campaigns").valueStream().map(JsonNode::asString).toList())
                .containsExactly(otherCampaign);
        assertThat(body.get("source").asString()).isEqualTo("owners");
    }

    /** Loads the page already signed in (the token field, as a person would) and waits for live answers. */
    private static JsonNode open(String query) throws Exception {
        String url = base + "/dashboard?campaign=" + encode(campaign) + "&every=2&" + query;
        chromium.load(url);
        chromium.evaluate("sessionStorage.setItem('adinsights.dashboard.token', '" + token + "'), true");
        chromium.load(url);
        return waitForLivePage();
    }

    /** Waits for two answers shown (the page keeps polling) and returns what it shows. */
    private static JsonNode waitForLivePage() throws Exception {
        chromium.waitUntil("document.body.dataset.state === 'ok' && Number(document.body.dataset.polls) >= 2",
                PAGE_TIMEOUT, SHOWN);
        return JSON.readTree(chromium.evaluate(SHOWN).asString());
    }

    private static void assertShowsTheAnswer(JsonNode shown, JsonNode answer, int buckets) {
        JsonNode total = answer.get("total");
        assertThat(answer.get("series").size()).isEqualTo(buckets);
        assertThat(shown.get("from").asString()).isEqualTo(answer.get("range").get("from").asString());
        assertThat(shown.get("to").asString()).isEqualTo(answer.get("range").get("to").asString());
        assertThat(shown.get("granularity").asString()).isEqualTo(answer.get("granularity").asString());
        for (String metric : List.of("impressions", "clicks", "clickToBasket")) {
            long value = total.get(metric).asLong();
            assertThat(shown.get(metric).asLong()).as(metric).isEqualTo(value);
            assertThat(shown.get(metric + "Text").asString()).as(metric)
                    .isEqualTo(String.format(Locale.US, "%,d", value));
        }
        if (total.get("clickToBasketRate").isNull()) {
            assertThat(shown.get("rate").asString()).isEmpty();
            assertThat(shown.get("rateText").asString()).isEqualTo("no clicks");
        } else {
            double rate = total.get("clickToBasketRate").asDouble();
            assertThat(Double.parseDouble(shown.get("rate").asString())).isEqualTo(rate);
            // toFixed(2) rounds the exact binary value half up, as BigDecimal does.
            assertThat(shown.get("rateText").asString())
                    .isEqualTo(new BigDecimal(rate * 100).setScale(2, RoundingMode.HALF_UP).toPlainString() + " %");
        }
        assertThat(total.get("impressions").asLong()).as("a test that compares zeros proves little").isPositive();
        JsonNode boundary = answer.get("boundary");
        assertThat(shown.get("boundary").asString()).isEqualTo(boundary.get("at").asString());
        assertThat(shown.get("batchUpTo").asString()).isEqualTo(text(boundary.get("batchUpTo")));
        assertThat(shown.get("realtimeUpTo").asString()).isEqualTo(text(boundary.get("realtimeUpTo")));
        assertThat(shown.get("gaps").asInt()).isEqualTo(answer.get("gaps").size());
        // Every bucket is drawn, and the bars add up to the figures.
        assertThat(shown.get("charts").asInt()).isEqualTo(4);
        shown.get("points").forEach(points -> assertThat(points.asInt()).isEqualTo(buckets));
        assertThat(shown.get("sums").valueStream().map(JsonNode::asLong).toList()).containsExactly(
                total.get("impressions").asLong(), total.get("clicks").asLong(), total.get("clickToBasket").asLong());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asString();
    }

    private static String field(Metric metric) {
        return switch (metric) {
            case IMPRESSIONS -> "impressions";
            case CLICKS -> "clicks";
            case CLICK_TO_BASKET -> "clickToBasket";
        };
    }

    /** The API's own answer, asked with an HTTP client for an explicit range. */
    private static JsonNode summary(String campaignId, Instant from, Instant to, String granularity, String tz)
            throws Exception {
        String query = Map.of("from", from.toString(), "to", to.toString(), "granularity", granularity, "tz", tz)
                .entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/ad/"
                        + encode(campaignId) + "/summary?" + query)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String biggest(String except) {
        return truth.batch().campaignRows(Granularity.HOUR).entrySet().stream()
                .filter(e -> !e.getKey().campaignId().equals(except))
                .collect(Collectors.groupingBy(e -> e.getKey().campaignId(),
                        Collectors.summingLong(e -> e.getValue().impressions())))
                .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
