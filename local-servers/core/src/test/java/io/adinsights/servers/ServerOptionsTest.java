package io.adinsights.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
    @Test
    void defaultsToAFreePortAndATemporaryDirectory() {
        ServerOptions options = ServerOptions.defaults();

        assertThat(options.port()).isEmpty();
        assertThat(options.dataDirectory()).isEmpty();
        assertThat(options.startTimeout()).isEqualTo(ServerOptions.START_TIMEOUT_DEFAULT);
    }

    @Test
    void withersReturnChangedCopies() {
        ServerOptions defaults = ServerOptions.defaults();

        ServerOptions options = defaults.withPort(9042).withDataDirectory(Path.of("data"))
                .withStartTimeout(Duration.ofSeconds(5));

        assertThat(options.port()).hasValue(9042);
        assertThat(options.dataDirectory()).contains(Path.of("data"));
        assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.port()).isEmpty();
    }

    @Test
    void rejectsInvalidValues() {
        ServerOptions defaults = ServerOptions.defaults();

        assertThatThrownBy(() -> defaults.withPort(70_000)).hasMessage("Invalid port: 70000 (must be 1-65535)");
        assertThatThrownBy(() -> defaults.withStartTimeout(Duration.ZERO))
                .hasMessage("Invalid start timeout: PT0S (must be > 0)");
    }
}
