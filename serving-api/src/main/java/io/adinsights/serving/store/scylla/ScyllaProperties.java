package io.adinsights.serving.store.scylla;

import io.adinsights.schemas.cql.CqlSchema;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the API reaches the speed layer's ScyllaDB, validated at start-up. Every field can be set from the environment
 * ({@code INSIGHTS_SCYLLA_CONTACT_POINTS=10.0.0.1:9042,10.0.0.2:9042}, {@code INSIGHTS_SCYLLA_LOCAL_DATACENTER}, ...).
 *
 * @param contactPoints          {@code host:port} of a few nodes
 * @param localDatacenter        the datacenter the API runs next to (token-aware routing stays inside it)
 * @param keyspace               the speed layer's keyspace
 * @param consistency            read consistency, e.g. {@code LOCAL_QUORUM} or {@code LOCAL_ONE}
 * @param requestTimeout         how long one read may take
 * @param speculativeDelay       after this, the same (idempotent) read is also sent to another replica
 * @param speculativeExecutions  the most executions of one read, the first included (1 = no speculation)
 * @param progressLayer          the {@code layer} row of {@code layer_progress} the speed layer writes
 */
@ConfigurationProperties("insights.scylla")
public record ScyllaProperties(List<String> contactPoints, String localDatacenter, String keyspace,
        String consistency, Duration requestTimeout, Duration speculativeDelay, int speculativeExecutions,
        String progressLayer) {

    public static final String CONSISTENCY_DEFAULT = "LOCAL_QUORUM";
    public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    public static final Duration SPECULATIVE_DELAY_DEFAULT = Duration.ofMillis(50);
    public static final int SPECULATIVE_EXECUTIONS_DEFAULT = 2;
    public static final String PROGRESS_LAYER_DEFAULT = "speed-layer";

    public ScyllaProperties {
        contactPoints = contactPoints == null ? List.of() : List.copyOf(contactPoints);
        keyspace = keyspace == null ? CqlSchema.KEYSPACE_DEFAULT : keyspace;
        consistency = consistency == null ? CONSISTENCY_DEFAULT : consistency;
        requestTimeout = requestTimeout == null ? REQUEST_TIMEOUT_DEFAULT : requestTimeout;
        speculativeDelay = speculativeDelay == null ? SPECULATIVE_DELAY_DEFAULT : speculativeDelay;
        speculativeExecutions = speculativeExecutions == 0 ? SPECULATIVE_EXECUTIONS_DEFAULT : speculativeExecutions;
        progressLayer = progressLayer == null ? PROGRESS_LAYER_DEFAULT : progressLayer;
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("Missing insights.scylla.contact-points (host:port, comma separated)");
        }
        for (String point : contactPoints) {
            if (!point.matches("[^:\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("Invalid insights.scylla.contact-points entry: " + point
                        + " (must be host:port)");
            }
        }
        if (localDatacenter == null || localDatacenter.isBlank()) {
            throw new IllegalArgumentException("Missing insights.scylla.local-datacenter");
        }
        if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("Invalid insights.scylla.keyspace: " + keyspace);
        }
        if (!consistency.matches("ONE|TWO|THREE|QUORUM|ALL|LOCAL_ONE|LOCAL_QUORUM|EACH_QUORUM")) {
            throw new IllegalArgumentException("Invalid insights.scylla.consistency: " + consistency
                    + " (e.g. LOCAL_QUORUM, LOCAL_ONE)");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid insights.scylla.request-timeout: " + requestTimeout
                    + " (must be > 0)");
        }
        if (speculativeDelay.isNegative()) {
            throw new IllegalArgumentException("Invalid insights.scylla.speculative-delay: " + speculativeDelay
                    + " (must be >= 0)");
        }
        if (speculativeExecutions < 1) {
            throw new IllegalArgumentException("Invalid insights.scylla.speculative-executions: "
                    + speculativeExecutions + " (must be >= 1)");
        }
    }
}
