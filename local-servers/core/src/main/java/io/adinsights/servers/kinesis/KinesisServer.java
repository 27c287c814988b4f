package io.adinsights.servers.kinesis;

import io.adinsights.servers.LocalServer;
import io.adinsights.servers.ServerOptions;
import io.adinsights.servers.process.FreePorts;
import io.adinsights.servers.process.Loopback;
import io.adinsights.servers.process.ProcessCommand;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The Kinesis API for tests: kinesis-local (npm) in a child node process, on plain HTTP. Clients use
 * {@link #newClient()}, or {@link #endpoint()}, {@link #region()} and {@link #credentialsProvider()} with any AWS SDK
 * client. Streams live in memory only: a {@link #stop()} and {@link #start()} keeps the port but not the streams.
 */
public final class KinesisServer extends LocalServer {
    public static final String NAME = "kinesis-local";

    private static final String WATCHDOG_SCRIPT = "parent-watchdog.js";
    /** kinesis-local waits this long before a stream or consumer turns ACTIVE (or is gone); AWS takes seconds. */
    private static final String STATE_CHANGE_DURATION = "100ms";
    private static final Duration STREAM_ACTIVE_TIMEOUT = Duration.ofSeconds(30);
    private static final long STREAM_POLL_MILLIS = 100;

    private final int port;
    private final int tlsPort;
    private final KinesisLocalInstallation installation;

    /** A server on a free port with a temporary data directory. */
    public KinesisServer() {
        this(ServerOptions.defaults());
    }

    public KinesisServer(ServerOptions options) {
        super(NAME, options);
        this.installation = KinesisLocalInstallation.locate();
        List<Integer> ports = FreePorts.allocate(2);
        this.port = options.port().orElse(ports.get(0));
        this.tlsPort = ports.get(1);
    }

    /** The plain-HTTP port. */
    public int port() {
        return port;
    }

    /** The endpoint override for AWS SDK clients. */
    public URI endpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + port);
    }

    /** The region streams are created in when a client does not say. */
    public Region region() {
        return Region.US_EAST_1;
    }

    /** Any credentials do; these select kinesis-local's default account. */
    public AwsCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local-access-key", "local-secret-key"));
    }

    /** A new synchronous client for this server; the caller closes it. */
    public KinesisClient newClient() {
        return KinesisClient.builder()
                .endpointOverride(endpoint())
                .region(region())
                .credentialsProvider(credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Creates a stream with {@code shards} shards and waits until it is ACTIVE. */
    public void createStream(String stream, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("Invalid shard count: " + shards + " (must be >= 1)");
        }
        try (KinesisClient client = newClient()) {
            client.createStream(request -> request.streamName(stream).shardCount(shards));
            awaitActive(client, stream);
        }
    }

    private static void awaitActive(KinesisClient client, String stream) {
        long deadline = System.nanoTime() + STREAM_ACTIVE_TIMEOUT.toNanos();
        while (client.describeStreamSummary(request -> request.streamName(stream))
                .streamDescriptionSummary()
                .streamStatus() != StreamStatus.ACTIVE) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Stream " + stream + " not ACTIVE after " + STREAM_ACTIVE_TIMEOUT);
            }
            try {
                Thread.sleep(STREAM_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for stream " + stream, e);
            }
        }
    }

    @Override
    public String connectionInfo() {
        return "endpoint " + endpoint() + ", region " + region();
    }

    @Override
    protected ProcessCommand prepare(Path dataDirectory) throws IOException {
        Path watchdog = dataDirectory.resolve(WATCHDOG_SCRIPT);
        try (InputStream script = KinesisServer.class.getResourceAsStream(WATCHDOG_SCRIPT)) {
            if (script == null) {
                throw new IOException("Resource " + WATCHDOG_SCRIPT + " is missing from the local-servers jar");
            }
            Files.copy(script, watchdog, StandardCopyOption.REPLACE_EXISTING);
        }
        return new ProcessCommand(
                List.of("node", watchdog.toString(), Long.toString(ProcessHandle.current().pid()),
                        installation.mainJs().toString()),
                Map.of("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port),
                        "KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort),
                        "KINESIS_MOCK_CERT_PATH", installation.certificate().toString(),
                        "LOG_LEVEL", "WARN",
                        "SHOULD_PERSIST_DATA", "false",
                        "CREATE_STREAM_DURATION", STATE_CHANGE_DURATION,
                        "DELETE_STREAM_DURATION", STATE_CHANGE_DURATION,
                        "REGISTER_STREAM_CONSUMER_DURATION", STATE_CHANGE_DURATION,
                        "DEREGISTER_STREAM_CONSUMER_DURATION", STATE_CHANGE_DURATION));
    }

    @Override
    protected boolean isReady() {
        if (!Loopback.isListening(port)) {
            return false;
        }
        try (KinesisClient client = newClient()) {
            client.listStreams();
            return true;
        }
    }
}
