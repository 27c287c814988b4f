package io.adinsights.servers.kafka;

import io.adinsights.servers.process.Loopback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

/**
 * The files a single-node KRaft broker needs, written into its data directory: {@code server.properties} (one node
 * that is both broker and controller, every replication factor 1) and a Log4j 2 configuration that logs warnings.
 */
final class KafkaConfiguration {
    static final int DEFAULT_PARTITIONS = 3;

    private final Path directory;
    private final int port;
    private final int controllerPort;

    KafkaConfiguration(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    Path propertiesFile() {
        return directory.resolve("conf").resolve("server.properties");
    }

    Path log4jFile() {
        return directory.resolve("conf").resolve("log4j2.properties");
    }

    Path logDirectory() {
        return directory.resolve("kafka-logs");
    }

    /** Whether the log directory was formatted already: a broker refuses to start on an unformatted one. */
    boolean isFormatted() {
        return Files.exists(logDirectory().resolve("meta.properties"));
    }

    /** Writes both files; run before every start, so a restart picks up the same ports. */
    void write() throws IOException {
        Files.createDirectories(propertiesFile().getParent());
        Files.writeString(propertiesFile(), serverProperties(), StandardCharsets.UTF_8);
        Files.writeString(log4jFile(), LOG4J, StandardCharsets.UTF_8);
    }

    private String serverProperties() {
        // Defaults otherwise, so clients of older Kafka versions (Flink's connector) see a broker they know.
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%4$s
                num.partitions=%5$d
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(Loopback.HOST, port, controllerPort, propertiesValue(logDirectory()),
                DEFAULT_PARTITIONS);
    }

    /** A new cluster id, in the form Kafka's own {@code random-uuid} prints: 16 random bytes, URL-safe Base64. */
    static String newClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES * 2)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            // Kafka's tools would read a leading dash as an option.
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** Backslashes are escapes in a properties file. */
    private static String propertiesValue(Path path) {
        return path.toString().replace("\\", "\\\\");
    }

    /** Warnings only, to standard output, which the launcher appends to the broker's log file. */
    private static final String LOG4J = """
            status = warn
            shutdownHook = disable
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%t] %c - %m%n
            rootLogger.level = warn
            rootLogger.appenderRef.stdout.ref = STDOUT
            """;
}
