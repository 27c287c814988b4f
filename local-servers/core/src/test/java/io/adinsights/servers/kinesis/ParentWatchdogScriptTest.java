package io.adinsights.servers.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.servers.Eventually;
import io.adinsights.servers.process.ChildProcess;
import io.adinsights.servers.process.LogTail;
import io.adinsights.servers.process.ProcessCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentWatchdogScriptTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    @Test
    void listensOnLoopbackOnlyAndExitsWhenTheParentDies() throws IOException, InterruptedException {
        Path watchdog = directory.resolve("parent-watchdog.js");
        try (InputStream script = KinesisServer.class.getResourceAsStream("parent-watchdog.js")) {
            Files.copy(script, watchdog);
        }
        // Listens like kinesis-local does: a port and a callback, no host.
        Path server = directory.resolve("server.js");
        Files.writeString(server, """
                const server = require('net').createServer(() => {});
                server.listen(0, () => console.log('listening on ' + server.address().address));
                """);
        Process parent = new ProcessBuilder("sleep", "300").start();
        ChildProcess node = ChildProcess.start("node", new ProcessCommand(
                List.of("node", watchdog.toString(), Long.toString(parent.pid()), server.toString()), Map.of()),
                directory, directory.resolve("node.log"));
        try {
            assertThat(Eventually.within(WAIT, () -> LogTail.lastLines(node.logFile(), 1).startsWith("listening")))
                    .isTrue();
            assertThat(LogTail.lastLines(node.logFile(), 1)).isEqualTo("listening on 127.0.0.1");

            parent.destroyForcibly();

            assertThat(Eventually.within(WAIT, () -> !node.isAlive())).isTrue();
        } finally {
            node.stop(Duration.ofSeconds(5));
            parent.destroyForcibly();
        }
    }
}
