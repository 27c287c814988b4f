package io.adinsights.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.rules.Retention;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.cql.CqlServerExtension;
import io.adinsights.serving.store.CachingRealtimeStore;
import io.adinsights.serving.store.MetricCounts;
import io.adinsights.serving.store.SeriesRequest;
import io.adinsights.serving.store.scylla.ScyllaRealtimeStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cache of final buckets on a real CQL server, the speed layer played by the test: rows written as whole totals,
 * then the watermark in {@code layer_progress}. Every answer is compared with totals the test keeps itself.
 */
@ExtendWith(CqlServerExtension.class)
class RealtimeCacheIT {

    private static final String KEYSPACE = "realtime_cache_it";
    private static final String CAMPAIGN = "cmp-cache";
    private static final Duration LATENESS = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(at("2026-05-01T12:05"));
    private final SortedMap<Instant, MetricCounts> written = new TreeMap<>();
    private CqlSession session;
    private PreparedStatement upsert;
    private ScyllaRealtimeStore scylla;
    private CachingRealtimeStore cached;

    @BeforeEach
    void createTables(CqlServer cql) {
        session = cql.openSession();
        ScyllaFixture.createSchema(session, KEYSPACE);
        session.execute("TRUNCATE " + KEYSPACE + "." + MetricTable.CAMPAIGN_BY_HOUR.tableName());
        upsert = session.prepare("INSERT INTO " + KEYSPACE + "." + MetricTable.CAMPAIGN_BY_HOUR.tableName()
                + " (campaign_id, period, bucket_start, impressions, clicks, click_to_basket) VALUES (?, ?, ?, ?, ?, ?)"
                + " USING TTL ?");
        for (Instant h = at("2026-04-29T00:00"); h.isBefore(at("2026-05-01T12:00")); h = h.plusSeconds(3600)) {
            write(h, new MetricCounts(h.getEpochSecond() / 3600 % 1000, h.getEpochSecond() / 3600 % 97, 1));
        }
        scylla = new ScyllaRealtimeStore(session, KEYSPACE, "speed-layer");
        cached = new CachingRealtimeStore(scylla, LATENESS, 100_000, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void onlyOpenBucketsAreReadAgainAndAMovingWatermarkClosesMore() throws Exception {
        progress(at("2026-05-01T10:05"));
        SeriesRequest request = hours("2026-04-30T00:00", "2026-05-01T12:00");
        assertThat(cached.read(request)).isEqualTo(expected(request));

        // 03:00 ended more than L before the watermark: final, never rewritten by the speed layer. 10:00 is open.
        // The test rewrites both: only the open one may show, which proves the final one came from the cache.
        MetricCounts finalBucketBefore = written.get(at("2026-05-01T03:00"));
        write(at("2026-05-01T03:00"), new MetricCounts(1, 2, 3));
        write(at("2026-05-01T10:00"), new MetricCounts(4, 5, 6));
        SortedMap<Instant, MetricCounts> expected = expected(request);
        expected.put(at("2026-05-01T03:00"), finalBucketBefore);
        assertThat(cached.read(request)).isEqualTo(expected);
        assertThat(scylla.read(request).get(at("2026-05-01T03:00"))).isEqualTo(new MetricCounts(1, 2, 3));

        // The speed layer writes the last total of 10:00, then moves its watermark past 10:00 + 1 h + L.
        write(at("2026-05-01T10:00"), new MetricCounts(7, 7, 7));
        progress(at("2026-05-01T11:15"));
        expected.put(at("2026-05-01T10:00"), new MetricCounts(7, 7, 7));
        assertThat(cached.read(request)).isEqualTo(expected);
        write(at("2026-05-01T10:00"), new MetricCounts(8, 8, 8));
        write(at("2026-05-01T11:00"), new MetricCounts(9, 9, 9));
        expected.put(at("2026-05-01T11:00"), new MetricCounts(9, 9, 9));
        assertThat(cached.read(request)).isEqualTo(expected);
    }

    @Test
    void aBucketAtTheEndOfItsRetentionIsTheStoresAnswer() throws Exception {
        progress(at("2026-05-01T12:05"));
        SeriesRequest request = hours("2026-05-01T00:00", "2026-05-01T12:00");
        assertThat(cached.read(request)).isEqualTo(expected(request));

        // Half a minute before 00:00 reaches its retention the store drops it (its TTL ran out): so must the answer.
        clock.set(at("2026-05-01T01:00").plus(Retention.SPEED_LAYER_RETENTION).minusSeconds(30));
        session.execute(upsert.bind(CAMPAIGN, MetricTable.CAMPAIGN_BY_HOUR.periodOf(at("2026-05-01T00:00")),
                at("2026-05-01T00:00"), 1L, 1L, 1L, 1));
        Thread.sleep(2_000);
        SortedMap<Instant, MetricCounts> expected = expected(request);
        expected.remove(at("2026-05-01T00:00"));
        assertThat(cached.read(request)).isEqualTo(expected).hasSize(11);
        assertThat(scylla.read(request)).isEqualTo(expected);
    }

    private SortedMap<Instant, MetricCounts> expected(SeriesRequest request) {
        return new TreeMap<>(written.subMap(request.from(), request.to()));
    }

    private void write(Instant hour, MetricCounts counts) {
        session.execute(upsert.bind(CAMPAIGN, MetricTable.CAMPAIGN_BY_HOUR.periodOf(hour), hour, counts.impressions(),
                counts.clicks(), counts.clickToBasket(), 0));
        written.put(hour, counts);
    }

    private void progress(Instant watermark) throws InterruptedException {
        ScyllaFixture.progress(session, KEYSPACE, "speed-layer", watermark);
        // The store reuses one progress read for a moment; wait until the next read sees this one.
        Thread.sleep(ScyllaRealtimeStore.PROGRESS_MAX_AGE.toMillis() + 100);
    }

    private static SeriesRequest hours(String from, String to) {
        return new SeriesRequest(CAMPAIGN, Optional.empty(), Granularity.HOUR, at(from), at(to));
    }

    private static Instant at(String minute) {
        return Instant.parse(minute + ":00Z");
    }
}
