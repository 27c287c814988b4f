package io.adinsights.speed.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.parse.RecordReader;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.servers.kinesis.KinesisServer;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.deadletter.DeadLetterJson;
import io.adinsights.speed.migrate.CreateSchema;
import io.adinsights.speed.sink.CqlConnection;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.DeliveryKind;
import io.adinsights.traffic.generator.Phase;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.oracle.ExpectedDeadLetter;
import io.adinsights.traffic.oracle.OracleSettings;
import io.adinsights.traffic.oracle.Truth;
import io.adinsights.traffic.oracle.TruthOracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One end-to-end run against real servers: a stream of 3 partitions (Kafka) or shards (Kinesis), a keyspace, a
 * scenario sent phase by phase (waiting for the job's watermark in layer_progress between phases), a final
 * watermark-advancing step, and the checks of the CQL tables, the dead letters and the raw archive against the oracle.
 */
final class ScenarioRun implements AutoCloseable {

    static final String SENTINEL_CAMPAIGN = "cmp-watermark-sentinel";
    private static final Duration WATERMARK_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SPLIT_IDLENESS = Duration.ofMinutes(10);

    final String keyspace;
    final Path workDir;
    private final ScenarioStream stream;
    private final CqlConnection cqlConnection;
    private final CqlSession session;
    private final List<Delivery> extraDeliveries = new ArrayList<>();

    private ScenarioRun(String id, Path workDir, ScenarioStream stream, CqlServer cql) {
        this.keyspace = ("speed_" + id).replace('-', '_');
        this.workDir = workDir;
        this.stream = stream;
        this.cqlConnection = new CqlConnection(List.of(cql.contactPoint().getHostString() + ":"
                + cql.contactPoint().getPort()), cql.localDatacenter(), keyspace, "LOCAL_ONE");
        CreateSchema.create(cqlConnection, CqlSchema.simpleReplication(1));
        this.session = cqlConnection.open();
    }

    /** A run on a new Kafka topic of 3 partitions, dead letters to a topic of their own. */
    static ScenarioRun onKafka(KafkaServer kafka, CqlServer cql, String name) throws IOException {
        String id = newId(name);
        return new ScenarioRun(id, workDir(id), new KafkaScenarioStream(kafka, id), cql);
    }

    /** A run on a new Kinesis stream of 3 shards, dead letters to files. */
    static ScenarioRun onKinesis(KinesisServer kinesis, CqlServer cql, String name) throws IOException {
        String id = newId(name);
        Path workDir = workDir(id);
        return new ScenarioRun(id, workDir, new KinesisScenarioStream(kinesis, id, workDir.resolve("dead-letters")),
                cql);
    }

    private static String newId(String name) {
        return name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path workDir(String id) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("adinsights.build.dir", "target"), "speed-it", id));
    }

    ScenarioStream stream() {
        return stream;
    }

    /** Event times end about {@code clearance} before now: TTLs are positive, and the final step is not future. */
    static TrafficConfig messyNearNow(long events, double eventsPerSecond, long seed, Duration clearance) {
        Duration span = Duration.ofMillis((long) (events / eventsPerSecond * 1000));
        Instant start = Instant.now().minus(span).minus(clearance).truncatedTo(ChronoUnit.SECONDS);
        return TrafficConfig.messy().toBuilder().events(events).eventsPerSecond(eventsPerSecond).seed(seed)
                .start(start).build();
    }

    SpeedLayerConfig jobConfig(TrafficConfig traffic) {
        return stream.configure(SpeedLayerConfig.builder())
                .watermarkBound(traffic.watermarkBound())
                // Longer than any quiet gap between phases: a split that went idle would rejoin behind the others'
                // watermark, so its first records would be late in an order the oracle cannot foresee. The
                // sentinels reach every split, so nothing needs idleness to advance.
                .idleness(SPLIT_IDLENESS)
                .allowedLateness(traffic.allowedLateness())
                .attributionWindow(traffic.attributionWindow())
                .earlyFireInterval(Duration.ofSeconds(2))
                .cql(cqlConnection.contactPoints(), cqlConnection.datacenter(), keyspace, "LOCAL_ONE")
                .rawArchiveDir(workDir.resolve("raw").toUri().toString())
                .checkpoint(workDir.resolve("checkpoints").toUri().toString(), Duration.ofSeconds(2))
                .parallelism(2)
                .build();
    }

    /**
     * Sends every phase, waiting for the job's watermark to pass each phase's late threshold, then one impression
     * per partition (shard) far enough ahead that the watermark passes {@code H + L}: every pending basket is decided
     * and every window is final. Returns the truth over everything sent, the final step included.
     */
    Truth sendScenario(Scenario scenario, Consumer<Phase> afterPhase) throws InterruptedException {
        long sequence = 0;
        Phase last = null;
        for (Iterator<Phase> phases = scenario.phases(); phases.hasNext();) {
            Phase phase = phases.next();
            for (Iterator<Delivery> deliveries = phase.deliveries(); deliveries.hasNext();) {
                Delivery delivery = deliveries.next();
                stream.send(delivery);
                sequence = delivery.sequence() + 1;
            }
            stream.flush();
            log("phase " + phase.index() + " sent");
            awaitWatermark(phase.lateThreshold());
            log("phase " + phase.index() + ": watermark passed " + phase.lateThreshold());
            afterPhase.accept(phase);
            last = phase;
        }
        TrafficConfig traffic = scenario.config();
        Instant sentinelTime = last.maxOnTimeEventTime().plus(traffic.allowedLateness())
                .plus(traffic.watermarkBound()).plus(Duration.ofMinutes(1));
        for (int partition = 0; partition < stream.partitions(); partition++) {
            AdEvent sentinel = AdEvent.impression("watermark-sentinel-" + partition, sentinelTime,
                    SENTINEL_CAMPAIGN, "ad-sentinel");
            byte[] payload = ("{\"eventId\":\"" + sentinel.eventId() + "\",\"eventType\":\"impression\","
                    + "\"eventTime\":\"" + sentinelTime + "\",\"campaignId\":\"" + SENTINEL_CAMPAIGN
                    + "\",\"adId\":\"ad-sentinel\"}").getBytes(StandardCharsets.UTF_8);
            extraDeliveries.add(Delivery.valid(sequence++, last.index(), DeliveryKind.FIRST_COPY, sentinel, payload));
            stream.send(partition, sentinel.eventId(), payload);
        }
        stream.flush();
        awaitWatermark(last.maxOnTimeEventTime().plus(traffic.allowedLateness()).plusMillis(1));
        log("final watermark reached");
        return TruthOracle.compute(() -> Stream.concat(scenario.stream(), extraDeliveries.stream()).iterator(),
                OracleSettings.of(traffic));
    }

    private final long startNanos = System.nanoTime();

    void log(String what) {
        System.out.printf("MEASURED %s +%.1f s: %s%n", keyspace, (System.nanoTime() - startNanos) / 1e9, what);
    }

    /**
     * Waits until a checkpoint newer than every one completed so far has completed (its {@code _metadata} file is
     * written), so that the job's state, the late filter's watermark included, is saved as of now.
     */
    void awaitNextCheckpoint() throws IOException, InterruptedException {
        long seen = lastCompletedCheckpoint();
        long deadline = System.nanoTime() + WATERMARK_TIMEOUT.toNanos();
        while (lastCompletedCheckpoint() <= seen) {
            if (System.nanoTime() > deadline) {
                fail("No checkpoint completed after checkpoint " + seen + " in " + WATERMARK_TIMEOUT);
            }
            Thread.sleep(200);
        }
        log("checkpoint " + lastCompletedCheckpoint() + " completed");
    }

    /** The newest completed checkpoint. Flink deletes older ones meanwhile: a listing losing that race is redone. */
    private long lastCompletedCheckpoint() throws IOException {
        Path checkpoints = workDir.resolve("checkpoints");
        if (!Files.exists(checkpoints)) {
            return 0;
        }
        while (true) {
            try (Stream<Path> walk = Files.walk(checkpoints, 3)) {
                return walk.filter(path -> path.getFileName().toString().equals("_metadata"))
                        .map(path -> path.getParent().getFileName().toString())
                        .filter(name -> name.startsWith("chk-"))
                        .mapToLong(name -> Long.parseLong(name.substring(4)))
                        .max().orElse(0);
            } catch (NoSuchFileException | UncheckedIOException e) {
                // A checkpoint directory vanished while it was listed.
            }
        }
    }

    Instant progressWatermark() {
        Row row;
        try {
            row = session.execute("SELECT " + CqlSchema.PROGRESS_WATERMARK + " FROM " + keyspace + "."
                + CqlSchema.PROGRESS_TABLE + " WHERE " + CqlSchema.PROGRESS_LAYER + " = ?",
                SpeedLayerConfig.LAYER_NAME_DEFAULT).one();
        } catch (DriverException e) {
            // The CQL server may be stopped on purpose: not known yet.
            return Instant.MIN;
        }
        return row == null ? Instant.MIN : row.getInstant(0);
    }

    void awaitWatermark(Instant target) throws InterruptedException {
        long deadline = System.nanoTime() + WATERMARK_TIMEOUT.toNanos();
        while (progressWatermark().isBefore(target)) {
            if (System.nanoTime() > deadline) {
                fail("The job's watermark " + progressWatermark() + " did not reach " + target + " in "
                        + WATERMARK_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the six tables equal the truth (early firings converge to whole totals), else fails. */
    void assertTablesEqual(Truth truth, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> differences = ExpectedTables.differences(session, keyspace, truth.speed(), 20);
        while (!differences.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            differences = ExpectedTables.differences(session, keyspace, truth.speed(), 20);
        }
        log("tables compared: " + (differences.isEmpty() ? "equal" : differences.size() + " differences"));
        assertThat(differences).as("differences between the CQL tables and the oracle's speed truth").isEmpty();
    }

    long storedRows() {
        return ExpectedTables.rowCount(session, keyspace);
    }

    /** The job's dead letters, read until there are {@code expected} of them (or a timeout). */
    List<Map<String, Object>> deadLetters(int expected, Duration timeout) {
        return stream.deadLetters(expected, timeout);
    }

    /** Dead letters by content: (reason, raw bytes kept, length of the raw record) and how many of each. */
    static Map<String, Integer> byContent(List<Map<String, Object>> letters) {
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, Object> letter : letters) {
            counts.merge(content(letter), 1, Integer::sum);
        }
        return counts;
    }

    static String content(Map<String, Object> letter) {
        return letter.get("reason") + ":" + ByteBuffer.wrap(DeadLetterJson.raw(letter)).hashCode() + ":"
                + letter.get("rawBytes");
    }

    static String content(ExpectedDeadLetter letter) {
        byte[] raw = letter.payload().length > DeadLetterJson.MAX_RAW_BYTES
                ? java.util.Arrays.copyOf(letter.payload(), DeadLetterJson.MAX_RAW_BYTES) : letter.payload();
        return letter.reason() + ":" + ByteBuffer.wrap(raw).hashCode() + ":" + letter.payload().length;
    }

    static Map<String, Integer> expectedDeadLetters(List<ExpectedDeadLetter> expected) {
        Map<String, Integer> letters = new HashMap<>();
        for (ExpectedDeadLetter letter : expected) {
            letters.merge(content(letter), 1, Integer::sum);
        }
        return letters;
    }

    /** Every record of the committed archive files (in-progress files start with a dot and are skipped). */
    Map<ByteBuffer, Integer> archivedRecords() throws IOException {
        Map<ByteBuffer, Integer> records = new HashMap<>();
        Path raw = workDir.resolve("raw");
        if (!Files.exists(raw)) {
            return records;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(raw)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(".")).toList();
        }
        for (Path file : files) {
            assertThat(raw.relativize(file).toString()).matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/raw-.*\\.gz");
            try (InputStream input = Files.newInputStream(file); RecordReader reader = RecordReader.open(input)) {
                for (RawRecord record = reader.next(); record != null; record = reader.next()) {
                    records.merge(ByteBuffer.wrap(record.bytes()), 1, Integer::sum);
                }
            }
        }
        return records;
    }

    /** What the archive must hold: every payload sent, except blank ones, which leave no record in a line file. */
    Map<ByteBuffer, Integer> expectedArchive(Scenario scenario) {
        Map<ByteBuffer, Integer> records = new HashMap<>();
        Stream.concat(scenario.stream(), extraDeliveries.stream()).forEach(delivery -> {
            byte[] payload = delivery.payload();
            if (!new String(payload, StandardCharsets.UTF_8).isBlank()) {
                byte[] kept = payload.length > RecordReader.MAX_RECORD_BYTES_DEFAULT
                        ? java.util.Arrays.copyOf(payload, RecordReader.MAX_RECORD_BYTES_DEFAULT) : payload;
                records.merge(ByteBuffer.wrap(kept), 1, Integer::sum);
            }
        });
        return records;
    }

    void assertArchiveHoldsEverything(Scenario scenario, Duration timeout) throws IOException,
            InterruptedException {
        Map<ByteBuffer, Integer> expected = expectedArchive(scenario);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<ByteBuffer, Integer> archived = archivedRecords();
        while (!archived.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            archived = archivedRecords();
        }
        log("archive read");
        int expectedCount = expected.values().stream().mapToInt(Integer::intValue).sum();
        int archivedCount = archived.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(archivedCount).as("records in the raw archive").isEqualTo(expectedCount);
        assertThat(archived.equals(expected)).as("the raw archive holds exactly the records sent").isTrue();
    }

    @Override
    public void close() {
        stream.close();
        session.close();
    }
}
