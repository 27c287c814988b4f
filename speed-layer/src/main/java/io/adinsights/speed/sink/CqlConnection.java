package io.adinsights.speed.sink;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Where the CQL cluster is and how to talk to it; opens sessions on the task managers.
 *
 * @param contactPoints {@code host:port} of some nodes
 * @param datacenter    the local datacenter of the driver's load balancing
 * @param keyspace      the speed layer's keyspace
 * @param consistency   write consistency level, e.g. LOCAL_QUORUM
 */
public record CqlConnection(List<String> contactPoints, String datacenter, String keyspace, String consistency)
        implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int DEFAULT_PORT = 9042;

    public CqlConnection {
        requireNonNull(contactPoints, "contactPoints is null");
        contactPoints = List.copyOf(contactPoints);
        requireNonNull(datacenter, "datacenter is null");
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(consistency, "consistency is null");
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("Invalid contactPoints: none given");
        }
    }

    /** A session without a keyspace (for schema creation) or bound to none: statements name their keyspace. */
    public CqlSession open() {
        CqlSessionBuilder builder = CqlSession.builder()
                .withClassLoader(CqlConnection.class.getClassLoader())
                .withLocalDatacenter(datacenter)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(4))
                        // A node that is down at start-up is reconnected to later instead of failing the job.
                        .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, true)
                        // Closing waits for every request anyway; Netty's default quiet period of 2 s then only
                        // delays the end of a task (a finished job, a restart after a failure) by 2 s.
                        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                        .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                        .build());
        for (String contactPoint : contactPoints) {
            builder.addContactPoint(address(contactPoint.trim()));
        }
        return builder.build();
    }

    static InetSocketAddress address(String contactPoint) {
        int colon = contactPoint.lastIndexOf(':');
        if (colon < 0) {
            return InetSocketAddress.createUnresolved(contactPoint, DEFAULT_PORT);
        }
        return new InetSocketAddress(contactPoint.substring(0, colon),
                Integer.parseInt(contactPoint.substring(colon + 1)));
    }
}
