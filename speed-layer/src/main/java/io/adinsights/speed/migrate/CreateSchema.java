package io.adinsights.speed.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.speed.SpeedLayerConfig;
import io.adinsights.speed.sink.CqlConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the speed layer's keyspace and tables from {@link CqlSchema}, the one definition of the CQL schema.
 * Idempotent: every statement is {@code IF NOT EXISTS}. Replication: {@code --replication-factor N} (SimpleStrategy,
 * default 1) or {@code --replication "{'class': 'NetworkTopologyStrategy', 'dc1': 3}"}; the CQL settings are those
 * of the job ({@code --cql.contact-points}, {@code --cql.datacenter}, {@code --cql.keyspace}, or their environment
 * variables).
 */
public final class CreateSchema {

    public static final String REPLICATION = "replication";
    public static final String REPLICATION_FACTOR = "replication-factor";

    private CreateSchema() {
    }

    public static void main(String[] args) {
        String replication = CqlSchema.simpleReplication(1);
        List<String> jobArgs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--" + REPLICATION -> replication = args[i + 1];
                case "--" + REPLICATION_FACTOR -> replication = CqlSchema.simpleReplication(
                        Integer.parseInt(args[i + 1]));
                default -> {
                    jobArgs.add(args[i]);
                    jobArgs.add(args[i + 1]);
                }
            }
        }
        SpeedLayerConfig config = SpeedLayerConfig.fromArgs(jobArgs.toArray(String[]::new), System.getenv());
        CqlConnection connection = new CqlConnection(config.cqlContactPoints(), config.cqlDatacenter(),
                config.cqlKeyspace(), config.cqlConsistency());
        List<String> statements = create(connection, replication);
        System.out.println("Schema of keyspace " + config.cqlKeyspace() + " is in place (" + statements.size()
                + " statements)");
    }

    /** Runs every statement of the schema; returns them. */
    public static List<String> create(CqlConnection connection, String replication) {
        List<String> statements = CqlSchema.createStatements(connection.keyspace(), replication);
        try (CqlSession session = connection.open()) {
            for (String statement : statements) {
                session.execute(statement);
            }
        }
        return statements;
    }
}
