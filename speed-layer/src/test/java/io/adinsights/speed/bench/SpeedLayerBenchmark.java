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
 * the same input, both reading a bounded range of the topic on a MiniCluster. Run it in a JVM of its own with
 * {@code exec:exec} as the module's README shows (arguments: the number of events, default 500 000, and the events
 * per second of event time, default 100: the rows the job writes per event depend on how many events a window
 * gets); with {@code freshness [probes] [events/s]} it measures freshness instead: {@link FreshnessBenchmark}.
 */
public final class SpeedLayerBenchmark {

    private SpeedLayerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("freshness")) {
            FreshnessBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        long events = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 100.0;
        Instant start = Instant.now().minus(Duration.ofSeconds((long) (events / rate))).minus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS);
        TrafficConfig traffic = TrafficConfig.messy().toBuilder().events(events).eventsPerSecond(rate).start(start)
                .phases(1).oversizedRecords(0).build();
        try (KafkaServer kafka = new KafkaServer(); CqlServer cql = new CqlServer()) {
            kafka.start();
            cql.start();
            kafka.createTopic("bench", 3);
            long sent = send(kafka, Scenario.of(traffic));
            CqlConnection connection = new CqlConnection(List.of(cql.contactPoint().getHostString() + ":"
                    + cql.contactPoint().getPort()), cql.localDatacenter(), "bench", "LOCAL_ONE");
            CreateSchema.create(connection, CqlSchema.simpleReplication(1));
            SpeedLayerConfig config = SpeedLayerConfig.builder()
                    .kafka(kafka.bootstrapServers(), "bench", "bench")
                    .cql(connection.contactPoints(), connection.datacenter(), "bench", "LOCAL_ONE")
                    .checkpoint("file:///tmp/ad-insights-bench/checkpoints", Duration.ofSeconds(10))
                    .idleness(Duration.ofSeconds(30))
                    .build();

            double bare = run("bare job (Kafka, keyBy, count)", sent, config, records -> records
                    .map((MapFunction<IngestedRecord, Tuple2<String, Long>>) record -> Tuple2.of(
                            record.isValid() ? record.event.eventId : record.origin, 1L))
                    .returns(Types.TUPLE(Types.STRING, Types.LONG))
                    .keyBy(pair -> pair.f0)
                    .sum(1)
                    .sinkTo(new DiscardingSink<>()));
            double full = run("full job (Kafka to CQL)", sent, config, records -> SpeedLayerJob.count(records, config));
            System.out.printf("full job / bare job: %.2f%n", full / bare);
        }
    }

    private static long send(KafkaServer kafka, Scenario scenario) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("linger.ms", "20");
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Delivery delivery : scenario) {
                producer.send(new ProducerRecord<>("bench", delivery.partitionKey().getBytes(StandardCharsets.UTF_8),
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
