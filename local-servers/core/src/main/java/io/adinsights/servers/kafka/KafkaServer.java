package io.adinsights.servers.kafka;

import io.adinsights.servers.LocalServer;
import io.adinsights.servers.ServerOptions;
import io.adinsights.servers.process.ChildProcess;
import io.adinsights.servers.process.FreePorts;
import io.adinsights.servers.process.Loopback;
import io.adinsights.servers.process.ProcessCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one child JVM). Its topics and records
 * survive {@link #stop()} and {@link #start()}; clients connect to {@link #bootstrapServers()}.
 */
public final class KafkaServer extends LocalServer {
    public static final String NAME = "kafka-broker";

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Short, so that a stranger holding the port (which accepts, but never answers) fails the start quickly. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final long TOPIC_POLL_MILLIS = 100;

    private final int port;
    private final int controllerPort;

    /** A broker on a free port with a temporary data directory. */
    public KafkaServer() {
        this(ServerOptions.defaults());
    }

    public KafkaServer(ServerOptions options) {
        super(NAME, options);
        List<Integer> ports = FreePorts.allocate(2);
        this.port = options.port().orElse(ports.get(0));
        this.controllerPort = ports.get(1);
    }

    /** The port of the PLAINTEXT listener that clients use. */
    public int port() {
        return port;
    }

    /** The {@code bootstrap.servers} value for producers, consumers and admin clients. */
    public String bootstrapServers() {
        return Loopback.HOST + ":" + port;
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin openAdmin() {
        return openAdmin(ADMIN_TIMEOUT);
    }

    private Admin openAdmin(Duration timeout) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
    }

    /**
     * Creates a topic with {@code partitions} partitions (replication factor 1) and waits until every partition has
     * a leader, so producers can write to it at once.
     */
    public void createTopic(String topic, int partitions) {
        createTopic(topic, partitions, Map.of());
    }

    /**
     * Creates a topic with {@code partitions} partitions (replication factor 1) and the given topic configs (e.g.
     * {@code max.message.bytes}), unless it exists already, and waits until every partition has a leader.
     */
    public void createTopic(String topic, int partitions, Map<String, String> configs) {
        if (partitions < 1) {
            throw new IllegalArgumentException("Invalid partition count: " + partitions + " (must be >= 1)");
        }
        try (Admin admin = openAdmin()) {
            try {
                admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                        .all()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitLeaders(admin, topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topic " + topic + " on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    /** A just-created topic may be unknown to the broker's metadata for a moment: that is "no leader yet". */
    private static void awaitLeaders(Admin admin, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            if (hasLeaders(admin, topic)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("Partitions of " + topic + " have no leader after " + ADMIN_TIMEOUT);
            }
            Thread.sleep(TOPIC_POLL_MILLIS);
        }
    }

    private static boolean hasLeaders(Admin admin, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            return description.partitions().stream().allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public String connectionInfo() {
        return "bootstrap servers " + bootstrapServers();
    }

    @Override
    protected ProcessCommand prepare(Path dataDirectory) throws IOException {
        KafkaConfiguration configuration = new KafkaConfiguration(dataDirectory, port, controllerPort);
        configuration.write();
        if (!configuration.isFormatted()) {
            ChildProcess.run(NAME + "-format",
                    KafkaJvm.format(configuration, KafkaConfiguration.newClusterId()).toProcessCommand(),
                    dataDirectory, logFile(), FORMAT_TIMEOUT);
        }
        return KafkaJvm.broker(configuration).toProcessCommand();
    }

    @Override
    protected boolean isReady() throws ExecutionException, TimeoutException, InterruptedException {
        // Try a client only once the port is open: before that it would only log connection failures.
        if (!Loopback.isListening(port)) {
            return false;
        }
        try (Admin admin = openAdmin(PROBE_TIMEOUT)) {
            return !admin.describeCluster().nodes().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        }
    }
}
