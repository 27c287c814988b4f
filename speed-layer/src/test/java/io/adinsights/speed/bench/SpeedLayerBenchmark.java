package io.adinsights.speed.bench;

import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.speed.LocalSpeedLayer;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.SpeedLayerJob;
import io.adinsights.speed.migrate.CreateSchema;
import io.adinsights.speed.parse.IngestedRecord;
import io.adinsights.speed.sink.CqlConnection;
import io.adinsights.speed.source.EventTimeWatermarks;
import io.adinsights.speed.source.KafkaRecordIngester;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Not a test: events per second of the whole job (Kafka → CQL) against a bare job (Kafka read, keyBy, count) on
 * the same input, both reading a bounded range of the topic on a MiniCluster, then the whole job's freshness on the
 * same servers ({@link FreshnessBenchmark}). Run it in a JVM of its own with {@code exec:exec} as the module's README
 * shows. Arguments: the number of events (default 3 000 000), the events per second of event time (default 100 000,
 * the target rate: the rows the job writes per event depend on how many events a window gets), and the freshness
 * probes (default 300; 0 skips freshness). With {@code freshness [probes] [events/s]} it measures freshness alone.
 *
 * <p>Both jobs first run once, untimed, on a small input of their own (topic and keyspace): the JVM compiles the
 * jobs' code and the CQL server its write path, which a long-running job and server did long ago. Without it the
 * full job, run second, paid for compiling its own code while it was timed (15–19 % of the machine's CPU).
 */
public final class SpeedLayerBenchmark {

    /** Events of the untimed first run of both jobs. */
    private static final long WARM_UP_EVENTS = 200_000;
    /** Background events per second while freshness is probed. */
    private static final double FRESHNESS_BACKGROUND_RATE = 300.0;

    private SpeedLayerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("freshness")) {
            FreshnessBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        long events = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 100_000.0;
        int probes = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Instant start = Instant.now().minus(Duration.ofSeconds((long) (events / rate))).minus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS);
        TrafficConfig traffic = TrafficConfig.messy().toBuilder().events(events).eventsPerSecond(rate).start(start)
                .phases(1).oversizedRecords(0).build();
        try (KafkaServer kafka = new KafkaServer(); CqlServer cql = new CqlServer()) {
            kafka.start();
            cql.start();
            SpeedLayerConfig warmUp = prepare(kafka, cql, "bench_warm_up", "bench_warm_up");
            SpeedLayerConfig config = prepare(kafka, cql, "bench", "bench");
            long sent = send(kafka, config.kafkaTopic(), Scenario.of(traffic));

            long warmUpStart = System.nanoTime();
            long warmUpSent = send(kafka, warmUp.kafkaTopic(), Scenario.of(traffic.toBuilder()
                    .events(Math.min(events, WARM_UP_EVENTS)).build()));
            run("warm-up: bare job", warmUpSent, warmUp, SpeedLayerBenchmark::bareJob);
            run("warm-up: full job", warmUpSent, warmUp, records -> SpeedLayerJob.count(records, warmUp));
            System.out.printf("warm-up: both jobs on %,d records in %.1f s%n", warmUpSent,
                    (System.nanoTime() - warmUpStart) / 1e9);

            double bare = run("bare job (Kafka, keyBy, count)", sent, config, SpeedLayerBenchmark::bareJob);
            double full = run("full job (Kafka to CQL)", sent, config, records -> SpeedLayerJob.count(records, config));
            System.out.printf("full job / bare job: %.2f%n", full / bare);
            String freshness = probes > 0 ? FreshnessBenchmark.measure(kafka, cql, probes, FRESHNESS_BACKGROUND_RATE)
                    : "not measured";
            System.out.printf("SUMMARY %,d events (%,d records) at %,.0f events per second of event time: full job "
                    + "%,.0f records/s (%,.0f events/s), bare job %,.0f records/s, full / bare %.2f; freshness %s%n",
                    events, sent, rate, full, full * events / sent, bare, full / bare, freshness);
        }
    }

    /**
     * Creates a topic (of 3 partitions) and a keyspace of the job's tables on these servers; returns the job's
     * settings for them, with the topic as the consumer group.
     */
    static SpeedLayerConfig prepare(KafkaServer kafka, CqlServer cql, String topic, String keyspace) {
        kafka.createTopic(topic, 3);
        CqlConnection connection = new CqlConnection(List.of(cql.contactPoint().getHostString() + ":"
                + cql.contactPoint().getPort()), cql.localDatacenter(), keyspace, "LOCAL_ONE");
        CreateSchema.create(connection, CqlSchema.simpleReplication(1));
        return SpeedLayerConfig.builder()
                .kafka(kafka.bootstrapServers(), topic, topic)
                .cql(connection.contactPoints(), connection.datacenter(), keyspace, "LOCAL_ONE")
                .checkpoint("file:///tmp/ad-insights-bench/checkpoints", Duration.ofSeconds(10))
                .idleness(Duration.ofSeconds(30))
                .build();
    }

    /** The baseline: the same source and parse, then only a keyBy and a count. */
    private static void bareJob(DataStream<IngestedRecord> records) {
        records.map((MapFunction<IngestedRecord, Tuple2<String, Long>>) record -> Tuple2.of(
                        record.isValid() ? record.event.eventId : record.origin, 1L))
                .returns(Types.TUPLE(Types.STRING, Types.LONG))
                .keyBy(pair -> pair.f0)
                .sum(1)
                .sinkTo(new DiscardingSink<>());
    }

    private static long send(KafkaServer kafka, String topic, Scenario scenario) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("linger.ms", "20");
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Delivery delivery : scenario) {
                producer.send(new ProducerRecord<>(topic, delivery.partitionKey().getBytes(StandardCharsets.UTF_8),
                        delivery.payload()));
                sent++;
            }
        }
        return sent;
    }

    private static double run(String name, long records, SpeedLayerConfig config,
            java.util.function.Consumer<DataStream<IngestedRecord>> graph) throws Exception {
        // -Dbench.flink=key=value,... tries other cluster settings on top of the local ones.
        Configuration cluster = LocalSpeedLayer.localCluster();
        for (String setting : System.getProperty("bench.flink", "").split(",")) {
            int equals = setting.indexOf('=');
            if (equals > 0) {
                cluster.setString(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(),
                cluster);
        SpeedLayerJob.configure(env, config);
        KafkaSource<IngestedRecord> source = KafkaSource.<IngestedRecord>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(config.kafkaTopic())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new KafkaRecordIngester())
                .build();
        graph.accept(env.fromSource(source, EventTimeWatermarks.of(config.watermarkBound(), config.idleness()),
                "kafka-source").uid("kafka-source"));
        long startNanos = System.nanoTime();
        env.execute(name);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = records / seconds;
        System.out.printf("MEASURED %s: %,d records in %.1f s = %,.0f records/s%n", name, records, seconds, rate);
        return rate;
    }
}
