package io.adinsights.servers.cql;

import io.adinsights.servers.process.Loopback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a single-node Cassandra needs, written into its data directory: a minimal {@code cassandra.yaml} sized
 * for tests and a Logback configuration that only logs warnings.
 */
final class CassandraConfiguration {
    static final String DATACENTER = "datacenter1";

    private final Path directory;
    private final int nativePort;
    private final int storagePort;

    CassandraConfiguration(Path directory, int nativePort, int storagePort) {
        this.directory = directory;
        this.nativePort = nativePort;
        this.storagePort = storagePort;
    }

    Path yamlFile() {
        return directory.resolve("conf").resolve("cassandra.yaml");
    }

    Path logbackFile() {
        return directory.resolve("conf").resolve("logback.xml");
    }

    Path storageDirectory() {
        return directory.resolve("storage");
    }

    Path triggersDirectory() {
        return directory.resolve("triggers");
    }

    /** Writes both files; run before every start, so a restart picks up the same ports. */
    void write() throws IOException {
        Files.createDirectories(yamlFile().getParent());
        Files.createDirectories(triggersDirectory());
        Files.writeString(yamlFile(), yaml(), StandardCharsets.UTF_8);
        Files.writeString(logbackFile(), LOGBACK, StandardCharsets.UTF_8);
    }

    private String yaml() {
        Path storage = storageDirectory();
        // SimpleSnitch puts the node in datacenter1. Small memtables and no caches keep the heap small; no
        // snapshots, hints, CDC or materialized views: nothing a test needs, all of it disk and time.
        return """
                cluster_name: ad-insights-local
                num_tokens: 1
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                listen_address: %1$s
                rpc_address: %1$s
                native_transport_port: %2$d
                storage_port: %3$d
                start_native_transport: true
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%1$s:%3$d"
                endpoint_snitch: SimpleSnitch
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                data_file_directories:
                  - %4$s
                commitlog_directory: %5$s
                saved_caches_directory: %6$s
                hints_directory: %7$s
                cdc_raw_directory: %8$s
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                commitlog_segment_size: 8MiB
                memtable_heap_space: 64MiB
                memtable_offheap_space: 64MiB
                key_cache_size: 0MiB
                row_cache_size: 0MiB
                counter_cache_size: 0MiB
                hinted_handoff_enabled: false
                auto_snapshot: false
                snapshot_before_compaction: false
                cdc_enabled: false
                materialized_views_enabled: false
                """.formatted(Loopback.HOST, nativePort, storagePort,
                quoted(storage.resolve("data")), quoted(storage.resolve("commitlog")),
                quoted(storage.resolve("saved_caches")), quoted(storage.resolve("hints")),
                quoted(storage.resolve("cdc_raw")));
    }

    /** A single-quoted YAML scalar, where the only character to escape is the single quote itself. */
    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    /** Warnings only, to standard output, which the launcher appends to the server's log file. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern>
                </encoder>
              </appender>
              <root level="WARN">
                <appender-ref ref="STDOUT"/>
              </root>
            </configuration>
            """;
}
