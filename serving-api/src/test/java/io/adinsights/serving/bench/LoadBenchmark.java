package io.adinsights.serving.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.serving.InsightsApiApplication;
import io.adinsights.serving.LakeFixture;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.traffic.oracle.AdBucket;
import io.adinsights.traffic.oracle.Counts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load benchmark (a main, not a test): a local CQL server and a local lake on 127.0.0.1, the API in this JVM, and
 * 200 concurrent clients. Prints p50 / p99 / throughput for a raw driver read of 30 days of hours, the same query
 * through the API (real-time only) and a 90-day query merged across the boundary.
 *
 * <pre>
 * mvn -f serving-api/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.adinsights.serving.bench.LoadBenchmark [-Dexec.args="SECONDS CLIENTS"]
 * </pre>
 */
public final class LoadBenchmark {

    private static final String KEYSPACE = "bench";
    private static final String CAMPAIGN = "cmp-bench";
    private static final int ADS = 8;
    private static int clients = 200;

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        clients = args.length > 1 ? Integer.parseInt(args[1]) : clients;
        Instant now = Instant.now();
        Instant floor = Granularity.HOUR.bucketEnd(now.minus(Duration.ofDays(30)).plus(Duration.ofHours(1)));
        Instant end = Granularity.HOUR.bucketEnd(now);
        Path lakeDir = Files.createTempDirectory("bench-lake");
        try (CqlServer cql = new CqlServer()) {
            cql.start();
            try (CqlSession session = cql.openSession(); LakeFixture lake = new LakeFixture(lakeDir)) {
                fillScylla(session, floor.minus(Duration.ofHours(48)), end);
                // The batch watermark sits at the real-time floor: 30 days are real-time only, older hours are lake.
                SortedMap<AdBucket, Counts> rows = new TreeMap<>();
                for (Instant h = end.minus(Duration.ofDays(91)); h.isBefore(floor); h = h.plusSeconds(3600)) {
                    for (int ad = 0; ad < ADS; ad++) {
                        rows.put(new AdBucket(CAMPAIGN, "ad-" + ad, h), new Counts(1000 + ad, 30, 6));
                    }
                }
                lake.append(rows, floor);
                PreparedStatement raw = session.prepare("SELECT bucket_start, impressions, clicks, click_to_basket"
                        + " FROM " + KEYSPACE + ".campaign_metrics_by_hour WHERE campaign_id = ? AND period = ?"
                        + " AND bucket_start >= ? AND bucket_start < ?");
                MetricTable table = MetricTable.CAMPAIGN_BY_HOUR;
                ConfigurableApplicationContext app = new SpringApplicationBuilder(InsightsApiApplication.class)
                        .run("--server.port=0", "--server.address=127.0.0.1",
                                "--insights.scylla.contact-points=127.0.0.1:" + cql.port(),
                                "--insights.scylla.local-datacenter=" + cql.localDatacenter(),
                                "--insights.scylla.keyspace=" + KEYSPACE,
                                "--insights.scylla.consistency=LOCAL_ONE",
                                "--insights.security.enabled=false",
                                "--logging.level.root=WARN",
                                "--insights.historical.lakehouse[LAKEHOUSE_LOCAL_DIR]=" + lakeDir);
                try {
                    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
                    String base = "http://127.0.0.1:" + port + "/ad/" + CAMPAIGN + "/summary?granularity=hour";
                    URI realtime = URI.create(base + "&from=" + floor + "&to=" + end);
                    URI merged = URI.create(base + "&from=" + end.minus(Duration.ofDays(90)) + "&to=" + end);
                    System.out.println(http.send(HttpRequest.newBuilder(merged).build(),
                            HttpResponse.BodyHandlers.ofString()).body().substring(0, 400));
                    List<LocalDate> periods = new ArrayList<>();
                    for (LocalDate p = table.periodOf(floor); !p.isAfter(table.periodOf(end.minusSeconds(1)));
                            p = table.nextPeriod(p)) {
                        periods.add(p);
                    }
                    Runnable rawQuery = () -> {
                        List<java.util.concurrent.CompletableFuture<?>> futures = new ArrayList<>();
                        for (LocalDate p : periods) {
                            futures.add(session.executeAsync(raw.bind(CAMPAIGN, p, floor, end))
                                    .thenApply(rs -> rs.remaining()).toCompletableFuture());
                        }
                        futures.forEach(java.util.concurrent.CompletableFuture::join);
                    };
                    run("raw driver, 30 days of hours", seconds, () -> {
                        rawQuery.run();
                        return true;
                    });
                    run("API real-time, 30 days by hour", seconds, () -> get(http, realtime));
                    run("API merged, 90 days by hour", seconds, () -> get(http, merged));
                } finally {
                    app.close();
                }
            }
        }
        System.exit(0);
    }

    private static boolean get(HttpClient http, URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(String name, int seconds, Supplier<Boolean> call) throws InterruptedException {
        measure(call, Math.max(3, seconds / 3), null);
        measure(call, seconds, name);
    }

    private static void measure(Supplier<Boolean> call, int seconds, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<long[]>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline && n < mine.length) {
                    long t0 = System.nanoTime();
                    if (!call.get()) {
                        errors.incrementAndGet();
                    }
                    mine[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(mine, n);
            }));
        }
        for (java.util.concurrent.Future<long[]> result : results) {
            try {
                latencies.add(result.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        long elapsed = System.nanoTime() - started;
        pool.shutdown();
        if (name == null) {
            return;
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("MEASURED %-34s %d clients: %7d requests, %7.0f req/s, p50 %6.2f ms, p99 %6.2f ms,"
                + " errors %d%n", name, clients, all.length, all.length / (elapsed / 1e9),
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, errors.get());
    }

    private static void fillScylla(CqlSession session, Instant from, Instant to) {
        CqlSchema.createStatements(KEYSPACE, CqlSchema.simpleReplication(1)).forEach(session::execute);
        MetricTable campaignTable = MetricTable.CAMPAIGN_BY_HOUR;
        MetricTable adTable = MetricTable.AD_BY_HOUR;
        PreparedStatement campaign = session.prepare("INSERT INTO " + KEYSPACE + "." + campaignTable.tableName()
                + " (campaign_id, period, bucket_start, impressions, clicks, click_to_basket)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement ad = session.prepare("INSERT INTO " + KEYSPACE + "." + adTable.tableName()
                + " (campaign_id, period, ad_id, bucket_start, impressions, clicks, click_to_basket)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (Instant h = from; h.isBefore(to); h = h.plusSeconds(3600)) {
            session.execute(campaign.bind(CAMPAIGN, campaignTable.periodOf(h), h, 8000L, 240L, 48L));
            for (int a = 0; a < ADS; a++) {
                session.execute(ad.bind(CAMPAIGN, adTable.periodOf(h), "ad-" + a, h, 1000L, 30L, 6L));
            }
        }
        session.execute(session.prepare("INSERT INTO " + KEYSPACE + ".layer_progress (layer, watermark, updated_at)"
                + " VALUES (?, ?, ?)").bind("speed-layer", to, to));
    }
}
