package io.adinsights.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void parsesPortAndDataDirectory() {
        ServerOptions options = CommandLine.parse(new String[] {"--port", "9042", "--data-dir", "/tmp/cql"});

        assertThat(options.port()).hasValue(9042);
        assertThat(options.dataDirectory()).contains(Path.of("/tmp/cql"));
    }

    @Test
    void defaultsWithoutArguments() {
        assertThat(CommandLine.parse(new String[0]).port()).isEmpty();
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--verbose", "yes"}))
                .hasMessage("Unknown option: --verbose");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port"})).hasMessage("Missing value after --port");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "x"}))
                .hasMessage("Invalid port: x (must be a number)");
    }
}
