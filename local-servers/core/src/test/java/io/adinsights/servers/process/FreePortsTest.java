package io.adinsights.servers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void allocatesDistinctPortsThatCanBeBoundOnLoopback() throws IOException {
        List<Integer> ports = FreePorts.allocate(3);

        assertThat(ports).doesNotHaveDuplicates().hasSize(3);
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, Loopback.address())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void tellsWhetherSomethingListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, Loopback.address())) {
            assertThat(Loopback.isListening(socket.getLocalPort())).isTrue();
        }
        assertThat(Loopback.isListening(FreePorts.allocate())).isFalse();
    }

    @Test
    void rejectsANonPositiveCount() {
        assertThatThrownBy(() -> FreePorts.allocate(0)).hasMessageContaining("Invalid port count: 0");
    }
}
