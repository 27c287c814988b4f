package io.adinsights.serving.store.scylla;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.internal.core.specex.ConstantSpeculativeExecutionPolicy;
import com.datastax.oss.driver.internal.core.specex.NoSpeculativeExecutionPolicy;
import java.net.InetSocketAddress;

/** Opens the driver session from {@link ScyllaProperties}: token-aware, datacenter-local, speculative reads. */
public final class ScyllaSessions {

    private static final int PAGE_SIZE = 5000;

    private ScyllaSessions() {
    }

    public static CqlSession open(ScyllaProperties properties) {
        requireNonNull(properties, "properties is null");
        var config = DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, properties.localDatacenter())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, properties.consistency())
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, properties.requestTimeout())
                .withInt(DefaultDriverOption.REQUEST_PAGE_SIZE, PAGE_SIZE)
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true);
        if (properties.speculativeExecutions() > 1) {
            config = config
                    .withClass(DefaultDriverOption.SPECULATIVE_EXECUTION_POLICY_CLASS,
                            ConstantSpeculativeExecutionPolicy.class)
                    .withInt(DefaultDriverOption.SPECULATIVE_EXECUTION_MAX, properties.speculativeExecutions())
                    .withDuration(DefaultDriverOption.SPECULATIVE_EXECUTION_DELAY, properties.speculativeDelay());
        } else {
            config = config.withClass(DefaultDriverOption.SPECULATIVE_EXECUTION_POLICY_CLASS,
                    NoSpeculativeExecutionPolicy.class);
        }
        var builder = CqlSession.builder()
                .withConfigLoader(config.build())
                .withLocalDatacenter(properties.localDatacenter());
        for (String point : properties.contactPoints()) {
            int colon = point.lastIndexOf(':');
            builder.addContactPoint(InetSocketAddress.createUnresolved(point.substring(0, colon),
                    Integer.parseInt(point.substring(colon + 1))));
        }
        return builder.build();
    }
}
