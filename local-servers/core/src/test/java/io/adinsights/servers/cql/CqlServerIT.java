package io.adinsights.servers.cql;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.servers.Eventually;
import io.adinsights.servers.Measurements;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CqlServerExtension.class)
class CqlServerIT {
    private static final String SELECT_CLICKS = "SELECT clicks FROM clicks WHERE campaign = ?";

    private final CqlServer server;

    CqlServerIT(CqlServer server) {
        this.server = server;
    }

    @BeforeAll
    static void createSchema(CqlServer server) {
        Measurements.log(server, "after first start");
        try (CqlSession session = server.openSession()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS server_it"
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS server_it.clicks (campaign text PRIMARY KEY, clicks bigint)");
        }
    }

    @AfterAll
    static void measure(CqlServer server) {
        Measurements.log(server, "after the tests");
    }

    @Test
    void storesAndReadsRows() {
        try (CqlSession session = server.openSession("server_it")) {
            session.execute("INSERT INTO clicks (campaign, clicks) VALUES (?, ?)", "stored", 42L);

            assertThat(session.execute(SELECT_CLICKS, "stored").one().getLong("clicks")).isEqualTo(42L);
        }
    }

    @Test
    void rowsWithATtlExpire() throws InterruptedException {
        try (CqlSession session = server.openSession("server_it")) {
            session.execute("INSERT INTO clicks (campaign, clicks) VALUES (?, ?) USING TTL 1", "expiring", 1L);
            session.execute("INSERT INTO clicks (campaign, clicks) VALUES (?, ?)", "lasting", 1L);

            assertThat(Eventually.within(Duration.ofSeconds(10),
                    () -> session.execute(SELECT_CLICKS, "expiring").one() == null)).isTrue();
            assertThat(session.execute(SELECT_CLICKS, "lasting").one()).isNotNull();
        }
    }

    @Test
    void restartsOnTheSamePortWithTheSameData() {
        try (CqlSession session = server.openSession("server_it")) {
            session.execute("INSERT INTO clicks (campaign, clicks) VALUES (?, ?)", "durable", 7L);
        }
        int port = server.port();
        long pid = server.pid();

        server.stop();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        server.start();
        Measurements.log(server, "after a restart");

        assertThat(server.port()).isEqualTo(port);
        assertThat(server.pid()).isNotEqualTo(pid);
        try (CqlSession session = server.openSession("server_it")) {
            Row row = session.execute(SELECT_CLICKS, "durable").one();
            assertThat(row).isNotNull();
            assertThat(row.getLong("clicks")).isEqualTo(7L);
        }
    }
}
