package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.servers.LocalServer;
import io.adinsights.servers.ServerOptions;
import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.servers.kinesis.KinesisServer;
import io.adinsights.servers.process.FreePorts;
import io.adinsights.servers.process.ResidentMemory;
import io.adinsights.servers.process.RuntimeClasspath;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The whole platform on one machine, started in dependency order and stopped in reverse: the CQL server, the stream
 * (a Kafka broker, or kinesis-local), the speed layer on a Flink MiniCluster (which creates the keyspace), the
 * ingestion server, insights-api, and the batch runs. Every part keeps its state under {@link StackSettings#dir()}.
 */
public final class LocalStack implements AutoCloseable {

    public static final String EVENTS_STREAM = "ad-events";
    public static final String DEAD_LETTER_STREAM = "ad-events-dead-letters";
    public static final int STREAM_PARTITIONS = 3;
    public static final String KEYSPACE = "ad_insights";
    /** The one-record size limit of the contract (1 MiB) plus room: the oversized records must reach the parser. */
    static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private static final String SPEED_MAIN = "io.adinsights.speed.LocalSpeedLayer";
    private static final String INGESTION_MAIN = "io.adinsights.ingestion.http.LocalIngestionMain";
    private static final String API_MAIN = "org.springframework.boot.loader.launch.JarLauncher";
    private static final String BATCH_MAIN = "io.adinsights.batch.BatchJob";
    private static final Duration PART_START_TIMEOUT = Duration.ofMinutes(3);
    /** Spark on Java 17 reaches into JDK internals (the same list as the batch layer's build). */
    private static final List<String> SPARK_JAVA17_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** Live traffic reaches every partition within seconds; a partition quiet for this long stops holding it back. */
    public static final Duration LIVE_SPLIT_IDLENESS = Duration.ofSeconds(30);

    private final StackSettings settings;
    private final PrintStream out;
    private final Duration splitIdleness;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<LocalServer> servers = new ArrayList<>();
    private CqlServer cql;
    private KafkaServer kafka;
    private KinesisServer kinesis;
    private PartProcess speedLayer;
    private PartProcess ingestion;
    private PartProcess api;
    private volatile PartProcess batchRun;
    private int ingestionPort;
    private int apiPort;

    public LocalStack(StackSettings settings, PrintStream out) {
        this(settings, out, LIVE_SPLIT_IDLENESS);
    }

    /**
     * @param splitIdleness how long a stream partition may be quiet before the speed layer's watermark advances
     *                      without it
     */
    public LocalStack(StackSettings settings, PrintStream out, Duration splitIdleness) {
        this.settings = requireNonNull(settings, "settings is null");
        this.out = requireNonNull(out, "out is null");
        this.splitIdleness = requireNonNull(splitIdleness, "splitIdleness is null");
    }

    /** Starts every part and waits until each serves; on failure stops what started and rethrows. */
    public LocalStack start() {
        try {
            Files.createDirectories(settings.dir());
            startServers();
            startSpeedLayer();
            ingestionPort = portOrFree(settings.ingestionPort());
            ingestion = startIngestion();
            apiPort = portOrFree(settings.apiPort());
            api = startApi();
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot prepare " + settings.dir(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startServers() {
        cql = newServer(settings.cqlPort(), "cql", CqlServer::new);
        step("CQL server (ScyllaDB stand-in)", cql);
        if (settings.stream() == StackSettings.StreamKind.KAFKA) {
            kafka = newServer(settings.kafkaPort(), "kafka", KafkaServer::new);
            step("Kafka broker", kafka);
            Map<String, String> bigRecords = Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES));
            kafka.createTopic(EVENTS_STREAM, STREAM_PARTITIONS, bigRecords);
            kafka.createTopic(DEAD_LETTER_STREAM, 1, bigRecords);
        } else {
            kinesis = newServer(settings.kinesisPort(), "kinesis", KinesisServer::new);
            step("kinesis-local", kinesis);
            createStreamIfMissing(EVENTS_STREAM, STREAM_PARTITIONS);
            createStreamIfMissing(DEAD_LETTER_STREAM, 1);
        }
    }

    private void createStreamIfMissing(String stream, int shards) {
        try (var client = kinesis.newClient()) {
            if (!client.listStreams().streamNames().contains(stream)) {
                kinesis.createStream(stream, shards);
            }
        }
    }

    private String streamArn(String stream) {
        try (var client = kinesis.newClient()) {
            return client.describeStreamSummary(request -> request.streamName(stream)).streamDescriptionSummary()
                    .streamARN();
        }
    }

    private <S extends LocalServer> S newServer(int port, String directory,
            java.util.function.Function<ServerOptions, S> constructor) {
        ServerOptions options = ServerOptions.defaults().withDataDirectory(settings.subdirectory(directory));
        S server = constructor.apply(port == 0 ? options : options.withPort(port));
        servers.add(server);
        return server;
    }

    private void step(String what, LocalServer server) {
        out.printf("  starting %s ...%n", what);
        server.start();
        out.printf("  %-28s ready in %5.1f s  %s%n", what, server.startupTime().toMillis() / 1000.0,
                server.connectionInfo());
    }

    /** (Re)starts the speed layer; it resumes from its newest checkpoint when there is one. */
    public void startSpeedLayer() {
        out.println("  starting speed layer (Flink MiniCluster) ...");
        List<String> arguments = new ArrayList<>(List.of(
                "--cql.contact-points", cqlContactPoint(),
                "--cql.datacenter", cql.localDatacenter(),
                "--cql.keyspace", KEYSPACE,
                "--cql.consistency", "LOCAL_ONE",
                "--watermark.idleness", splitIdleness.toMillis() + "ms",
                "--raw-archive.dir", rawZone().toUri().toString(),
                "--checkpoint.dir", settings.subdirectory("checkpoints").toUri().toString(),
                "--checkpoint.interval", settings.checkpointInterval().toMillis() + "ms",
                "--parallelism", "2"));
        if (kafka != null) {
            arguments.addAll(List.of("--source.kind", "kafka", "--kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "--kafka.topic", EVENTS_STREAM, "--dead-letters.topic", DEAD_LETTER_STREAM));
        } else {
            arguments.addAll(List.of("--source.kind", "kinesis", "--kinesis.stream", streamArn(EVENTS_STREAM),
                    "--kinesis.endpoint", kinesis.endpoint().toString(), "--kinesis.region", kinesis.region().id(),
                    "--dead-letters.dir", settings.subdirectory("dead-letters").toUri().toString()));
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-Daws.accessKeyId=local", "-Daws.secretAccessKey=local",
                "-Dorg.apache.logging.log4j.level=" + System.getProperty("local-stack.flink-log-level", "WARN")));
        speedLayer = PartProcess.start("speed-layer", settings.dir(), PartProcess.java(SPEED_MAIN,
                RuntimeClasspath.fromResource("io/adinsights/stack/speed-runtime.classpath"), jvm, arguments),
                Map.of());
        speedLayer.awaitReady(speedLayer.logContains("Speed layer "), PART_START_TIMEOUT);
        report("speed layer", speedLayer, "raw zone " + rawZone());
    }

    /** Stops the speed layer: gracefully (the job is cancelled, its checkpoints kept) or killed, as in a crash. */
    public void stopSpeedLayer(boolean kill) {
        if (speedLayer != null) {
            if (kill) {
                speedLayer.kill();
            } else {
                speedLayer.stop();
            }
            speedLayer = null;
        }
    }

    private PartProcess startIngestion() {
        out.println("  starting ingestion server ...");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("INGESTION_PORT", String.valueOf(ingestionPort));
        environment.put("STREAM_NAME", EVENTS_STREAM);
        environment.put("DEAD_LETTER_STREAM", DEAD_LETTER_STREAM);
        if (kafka != null) {
            environment.put("STREAM_KIND", "kafka");
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        } else {
            environment.put("STREAM_KIND", "kinesis");
            environment.put("KINESIS_ENDPOINT", kinesis.endpoint().toString());
            environment.put("AWS_REGION", kinesis.region().id());
            environment.put("AWS_ACCESS_KEY_ID", "local");
            environment.put("AWS_SECRET_ACCESS_KEY", "local");
        }
        PartProcess part = PartProcess.start("ingestion", settings.dir(), PartProcess.java(INGESTION_MAIN,
                launcherClasspath(), List.of("-Xmx256m"), List.of()), environment);
        part.awaitReady(() -> get(ingestionUri().resolve("/health")) == 200, PART_START_TIMEOUT);
        report("ingestion", part, "POST " + ingestionUri().resolve("/events"));
        return part;
    }

    private PartProcess startApi() {
        out.println("  starting insights-api ...");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "dev");
        environment.put("SERVER_PORT", String.valueOf(apiPort));
        environment.put("INSIGHTS_SCYLLA_CONTACT_POINTS", cqlContactPoint());
        environment.put("INSIGHTS_SCYLLA_LOCAL_DATACENTER", cql.localDatacenter());
        environment.put("INSIGHTS_SCYLLA_KEYSPACE", KEYSPACE);
        environment.putAll(lakehouseEnvironment());
        PartProcess part = PartProcess.start("insights-api", settings.dir(), PartProcess.java(API_MAIN,
                RuntimeClasspath.fromResource("io/adinsights/stack/api-runtime.classpath"), List.of("-Xmx512m"),
                List.of()), environment);
        part.awaitReady(() -> get(apiUri().resolve("/actuator/health/liveness")) == 200, PART_START_TIMEOUT);
        report("insights-api", part, apiUri() + "/dashboard  " + apiUri() + "/swagger-ui.html");
        return part;
    }

    /**
     * Runs the batch layer once over raw hours [from, to) in its own JVM (Spark local mode), printing its progress
     * lines, and returns its exit status: 0 done, 1 a quality check failed (the watermark was held), 2 bad input.
     */
    public int runBatch(java.time.Instant from, java.time.Instant to, Duration completenessDelay) {
        Map<String, String> environment = new LinkedHashMap<>(lakehouseEnvironment());
        environment.put("BATCH_RAW_ZONE", rawZone().toString());
        environment.put("BATCH_REPORT_DIR", settings.subdirectory("batch-reports").toString());
        environment.put("BATCH_COMPLETENESS_DELAY", completenessDelay.toString());
        // Spark's driver and web UI on the loopback interface, like every other part.
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        List<String> jvm = new ArrayList<>(SPARK_JAVA17_OPTIONS);
        jvm.add("-Xmx1536m");
        PartProcess batch = PartProcess.start("batch", settings.dir(), PartProcess.java(BATCH_MAIN,
                RuntimeClasspath.fromResource("io/adinsights/stack/batch-runtime.classpath"), jvm,
                List.of("run", "--from", from.toString(), "--to", to.toString())), environment);
        int status;
        batchRun = batch;
        try {
            status = batch.awaitExit(Duration.ofMinutes(30));
        } finally {
            batchRun = null;
        }
        if (status == 2) {
            throw new IllegalStateException("The batch run refused its input" + batch.describeLogTail());
        }
        return status;
    }

    public Map<String, String> lakehouseEnvironment() {
        return Map.of("LAKEHOUSE_CATALOG", "local", "LAKEHOUSE_LOCAL_DIR", settings.subdirectory("lakehouse")
                .toString());
    }

    private void report(String what, PartProcess part, String where) {
        out.printf("  %-28s ready in %5.1f s  %s  (pid %d, log %s)%n", what, part.startupTime().toMillis() / 1000.0,
                where, part.pid(), settings.dir().relativize(part.logFile()));
    }

    /** The resident memory of every process: the launcher (with the simulator), servers, parts, a batch run. */
    public Map<String, OptionalLong> memory() {
        Map<String, OptionalLong> memory = new LinkedHashMap<>();
        memory.put("launcher", ResidentMemory.kibibytes(List.of(ProcessHandle.current())));
        servers.stream().filter(LocalServer::isRunning).forEach(server -> memory.put(server.name(),
                server.residentMemoryKib()));
        parts().stream().filter(PartProcess::isAlive)
                .forEach(part -> memory.put(part.name(), part.residentMemoryKib()));
        PartProcess batch = batchRun;
        if (batch != null && batch.isAlive()) {
            memory.put(batch.name(), batch.residentMemoryKib());
        }
        return memory;
    }

    /** Which parts died by themselves, with the end of their logs. */
    public List<String> failedParts() {
        List<String> failed = new ArrayList<>();
        parts().stream().filter(part -> !part.isAlive())
                .forEach(part -> failed.add(part.name() + " exited" + part.describeLogTail()));
        servers.stream().filter(server -> !server.isRunning())
                .forEach(server -> failed.add(server.name() + " is not running (log " + server.logFile() + ")"));
        return failed;
    }

    /** The parts running in JVMs of their own, in start order. */
    private List<PartProcess> parts() {
        return Stream.of(speedLayer, ingestion, api).filter(Objects::nonNull).toList();
    }

    private int get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int portOrFree(int port) {
        return port == 0 ? FreePorts.allocate() : port;
    }

    private static List<Path> launcherClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
    }

    public StackSettings settings() {
        return settings;
    }

    public Path rawZone() {
        return settings.subdirectory("raw");
    }

    public String cqlContactPoint() {
        return cql.contactPoint().getHostString() + ":" + cql.contactPoint().getPort();
    }

    public CqlServer cql() {
        return cql;
    }

    /** The Kafka broker, or null when the stream is Kinesis. */
    public KafkaServer kafka() {
        return kafka;
    }

    /** kinesis-local, or null when the stream is Kafka. */
    public KinesisServer kinesis() {
        return kinesis;
    }

    public URI ingestionUri() {
        return URI.create("http://127.0.0.1:" + ingestionPort);
    }

    public URI apiUri() {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    /** Stops every part, newest first; safe to call more than once. */
    @Override
    public void close() {
        List<PartProcess> newestFirst = new ArrayList<>(parts());
        Collections.reverse(newestFirst);
        newestFirst.forEach(PartProcess::stop);
        api = null;
        ingestion = null;
        speedLayer = null;
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
        servers.clear();
    }
}
