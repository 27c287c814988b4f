package io.adinsights.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.servers.cql.CqlServer;
import io.adinsights.servers.kafka.KafkaServer;
import io.adinsights.servers.kinesis.KinesisServer;
import io.adinsights.servers.process.Loopback;
import io.adinsights.servers.process.ServerStartException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each server, on its own: nothing is left running once it is closed, and a failed start says why. */
class LocalServerLifecycleIT {
    static Stream<Named<Supplier<LocalServer>>> servers() {
        return Stream.of(
                Named.of("CQL server", CqlServer::new),
                Named.of("Kafka broker", KafkaServer::new),
                Named.of("kinesis-local", KinesisServer::new));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void closeLeavesNoProcessAndNoTemporaryData(Supplier<LocalServer> newServer) {
        LocalServer server = newServer.get();
        server.start();
        long pid = server.pid();
        Path dataDirectory = server.dataDirectory();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isPresent();

        server.close();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.current().children()).noneMatch(child -> child.pid() == pid);
        assertThat(dataDirectory).doesNotExist();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageEndingWith("is closed");
    }

    @Test
    void aFailedStartEndsWithTheServerLog() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, Loopback.address());
                KafkaServer kafka = new KafkaServer(ServerOptions.defaults().withPort(taken.getLocalPort()))) {
            assertThatThrownBy(kafka::start)
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("while starting")
                    .hasMessageContaining("last lines of " + kafka.logFile())
                    .hasMessageContaining("Address already in use");
            assertThat(Files.exists(kafka.logFile())).isTrue();
        }
    }
}
