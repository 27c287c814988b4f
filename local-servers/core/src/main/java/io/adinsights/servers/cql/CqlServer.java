package io.adinsights.servers.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.adinsights.servers.LocalServer;
import io.adinsights.servers.ServerOptions;
import io.adinsights.servers.process.FreePorts;
import io.adinsights.servers.process.Loopback;
import io.adinsights.servers.process.ProcessCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A CQL server for tests of code written for ScyllaDB: a single Apache Cassandra node, same protocol, in a child JVM.
 * Its data survives {@link #stop()} and {@link #start()}; clients connect with {@link #openSession()} or to
 * {@link #contactPoint()} in {@link #localDatacenter()}.
 */
public final class CqlServer extends LocalServer {
    public static final String NAME = "cql-server";

    /** The driver's 2 s default is too short for schema changes on a cold, busy node. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final int nativePort;
    private final int storagePort;

    /** A server on a free port with a temporary data directory. */
    public CqlServer() {
        this(ServerOptions.defaults());
    }

    public CqlServer(ServerOptions options) {
        super(NAME, options);
        List<Integer> ports = FreePorts.allocate(2);
        this.nativePort = options.port().orElse(ports.get(0));
        this.storagePort = ports.get(1);
    }

    /** The CQL native protocol port. */
    public int port() {
        return nativePort;
    }

    public InetSocketAddress contactPoint() {
        return new InetSocketAddress(Loopback.HOST, nativePort);
    }

    /** The datacenter clients must name as local; the driver refuses to connect without it. */
    public String localDatacenter() {
        return CassandraConfiguration.DATACENTER;
    }

    /** A new session on this server, not bound to a keyspace; the caller closes it. */
    public CqlSession openSession() {
        return sessionBuilder().build();
    }

    /** A new session bound to {@code keyspace}; the caller closes it. */
    public CqlSession openSession(String keyspace) {
        return sessionBuilder().withKeyspace(keyspace).build();
    }

    private CqlSessionBuilder sessionBuilder() {
        return CqlSession.builder()
                .addContactPoint(contactPoint())
                .withLocalDatacenter(localDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, REQUEST_TIMEOUT)
                        .build());
    }

    @Override
    public String connectionInfo() {
        return "contact point " + Loopback.HOST + ":" + nativePort + ", local datacenter " + localDatacenter();
    }

    @Override
    protected ProcessCommand prepare(Path dataDirectory) throws IOException {
        CassandraConfiguration configuration = new CassandraConfiguration(dataDirectory, nativePort, storagePort);
        configuration.write();
        return CassandraJvm.command(configuration).toProcessCommand();
    }

    @Override
    protected boolean isReady() {
        // Try the driver only once the port is open: it is slow to fail, and logs every failure.
        if (!Loopback.isListening(nativePort)) {
            return false;
        }
        try (CqlSession session = openSession()) {
            return session.execute("SELECT release_version FROM system.local").one() != null;
        }
    }
}
