package io.adinsights.speed.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.speed.LocalSpeedLayer;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.SpeedLayerJob;
import io.adinsights.speed.sink.CqlConnection;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.measure.LatencySummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Not a test: freshness of the whole job (Kafka → CQL) on a MiniCluster, i.e. the time from a probe impression being
 * written to Kafka until its total is visible in CQL, while a messy scenario streams in the background at a steady
 * rate with event times of now. Each probe is an impression of its own ad of campaign {@value #PROBE_CAMPAIGN}, so
 * one query of the campaign's partition of {@code ad_metrics_by_minute} every {@value #POLL_MILLIS} ms sees them all.
 * Arguments: probes (default 300), background events per second (default 300).
 */
public final class FreshnessBenchmark {

    static final String PROBE_CAMPAIGN = "cmp-freshness-probe";
    static final long POLL_MILLIS = 25;
    private static final String TOPIC = "freshness";
    private static final String KEYSPACE = "bench_freshness";
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    private static final Duration WARM_UP = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(2);

    private FreshnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double backgroundRate = args.length > 1 ? Double.parseDouble(args[1]) : 300.0;
        try (KafkaServer kafka = new KafkaServer(); CqlServer cql = new CqlServer()) {
            kafka.start();
            cql.start();
            measure(kafka, cql, probes, backgroundRate);
        }
    }

    /** Runs the whole job on a topic and keyspace of its own on these servers; prints and returns the percentiles. */
    static String measure(KafkaServer kafka, CqlServer cql, int probes, double backgroundRate)
            throws Exception {
        SpeedLayerConfig config = SpeedLayerBenchmark.prepare(kafka, cql, TOPIC, KEYSPACE);
        CqlConnection connection = new CqlConnection(config.cqlContactPoints(), config.cqlDatacenter(),
                config.cqlKeyspace(), config.cqlConsistency());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(),
                LocalSpeedLayer.localCluster());
        SpeedLayerJob.configure(env, config);
        SpeedLayerJob.build(env, config);
        JobClient job = env.executeAsync("freshness");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong backgroundSent = new AtomicLong();
        Thread background = new Thread(() -> background(kafka, backgroundRate, stop, backgroundSent),
                "background-load");
        background.start();
        try (CqlSession session = connection.open()) {
            Thread.sleep(WARM_UP.toMillis());
            List<Long> latencies = probe(kafka, session, probes);
            String summary = LatencySummary.of(latencies.stream().mapToLong(Long::longValue).toArray());
            System.out.printf("MEASURED freshness (Kafka write -> total visible in CQL) over %d probes, %,.0f "
                    + "background events/s (%,d sent): %s%n", latencies.size(), backgroundRate,
                    backgroundSent.get(), summary);
            return summary;
        } finally {
            stop.set(true);
            background.join();
            job.cancel().get();
        }
    }

    /** Sends a probe every {@link #PROBE_INTERVAL} and polls CQL for all outstanding ones; latencies in ms. */
    private static List<Long> probe(KafkaServer kafka, CqlSession session, int probes) throws InterruptedException {
        PreparedStatement select = session.prepare("SELECT " + CqlSchema.AD_ID + ", " + CqlSchema.IMPRESSIONS
                + " FROM " + KEYSPACE + "." + MetricTable.AD_BY_MINUTE.tableName() + " WHERE "
                + CqlSchema.CAMPAIGN_ID + " = ? AND " + CqlSchema.PERIOD + " = ?");
        Map<String, Long> sentNanos = new HashMap<>();
        Map<String, LocalDate> periods = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("linger.ms", "0");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long nextProbe = System.nanoTime();
            int sent = 0;
            long deadline = Long.MAX_VALUE;
            while ((sent < probes || !sentNanos.isEmpty()) && System.nanoTime() < deadline) {
                if (sent < probes && System.nanoTime() >= nextProbe) {
                    String ad = "ad-probe-" + sent;
                    Instant now = Instant.now();
                    periods.put(ad, MetricTable.AD_BY_MINUTE.periodOf(now.truncatedTo(ChronoUnit.MINUTES)));
                    sentNanos.put(ad, System.nanoTime());
                    producer.send(new ProducerRecord<>(TOPIC, ad.getBytes(StandardCharsets.UTF_8), probe(ad, now)));
                    sent++;
                    nextProbe += PROBE_INTERVAL.toNanos();
                    if (sent == probes) {
                        deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
                    }
                }
                for (LocalDate period : Set.copyOf(periods.values())) {
                    for (Row row : session.execute(select.bind(PROBE_CAMPAIGN, period))) {
                        String ad = row.getString(0);
                        Long start = sentNanos.get(ad);
                        if (start != null && row.getLong(1) > 0) {
                            latencies.add((System.nanoTime() - start) / 1_000_000);
                            sentNanos.remove(ad);
                            periods.remove(ad);
                        }
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
            if (!sentNanos.isEmpty()) {
                System.out.printf("MEASURED %d probes never became visible within %s%n", sentNanos.size(),
                        PROBE_TIMEOUT);
            }
        }
        return latencies;
    }

    private static byte[] probe(String ad, Instant eventTime) {
        return ("{\"eventId\":\"" + ad + "\",\"eventType\":\"impression\",\"eventTime\":\"" + eventTime
                + "\",\"campaignId\":\"" + PROBE_CAMPAIGN + "\",\"adId\":\"" + ad + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A messy scenario whose events are sent when their event time comes, so the watermark follows the clock. */
    private static void background(KafkaServer kafka, double rate, AtomicBoolean stop, AtomicLong sent) {
        TrafficConfig traffic = TrafficConfig.messy().toBuilder().events((long) (rate * 3600)).eventsPerSecond(rate)
                .start(Instant.now().truncatedTo(ChronoUnit.SECONDS)).phases(1).oversizedRecords(0).build();
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("linger.ms", "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Delivery delivery : Scenario.of(traffic)) {
                if (stop.get()) {
                    return;
                }
                if (delivery.isValid()) {
                    long wait = delivery.event().eventTime().toEpochMilli() - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                }
                producer.send(new ProducerRecord<>(TOPIC, delivery.partitionKey().getBytes(StandardCharsets.UTF_8),
                        delivery.payload()));
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
