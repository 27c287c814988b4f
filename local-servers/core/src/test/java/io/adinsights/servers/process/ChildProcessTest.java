package io.adinsights.servers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adinsights.servers.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    @Test
    void stopEndsTheProcessAndEveryDescendant() throws InterruptedException {
        ChildProcess shell = start("sh", "-c", "sleep 300 & sleep 300 & wait");
        ProcessHandle handle = ProcessHandle.of(shell.pid()).orElseThrow();
        assertThat(Eventually.within(WAIT, () -> handle.descendants().count() == 2)).isTrue();
        List<ProcessHandle> descendants = handle.descendants().toList();

        shell.stop(GRACE);

        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
        assertThat(shell.isAlive()).isFalse();
    }

    @Test
    void killsWhatIgnoresSigterm() throws InterruptedException {
        ChildProcess stubborn = start("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done");
        assertThat(Eventually.within(WAIT, () -> LogTail.lastLines(stubborn.logFile(), 1).equals("ready"))).isTrue();

        stubborn.stop(Duration.ofMillis(300));

        assertThat(stubborn.isAlive()).isFalse();
    }

    @Test
    void aFailedRunReportsTheEndOfItsLog() {
        ProcessCommand failing = new ProcessCommand(List.of("sh", "-c", "echo first; echo 'the reason'; exit 3"),
                Map.of());

        assertThatThrownBy(() -> ChildProcess.run("failing", failing, directory, directory.resolve("failing.log"),
                GRACE))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("exit code 3")
                .hasMessageEndingWith("first" + System.lineSeparator() + "the reason");
    }

    @Test
    void passesTheEnvironmentAndAppendsToTheLog() {
        ProcessCommand echo = new ProcessCommand(List.of("sh", "-c", "echo \"$GREETING\""), Map.of("GREETING", "hi"));
        Path log = directory.resolve("echo.log");

        ChildProcess.run("echo", echo, directory, log, GRACE);
        ChildProcess.run("echo", echo, directory, log, GRACE);

        assertThat(LogTail.lastLines(log, 10).lines()).containsExactly("hi", "hi");
    }

    @Test
    void readinessFailsFastWithTheLogWhenTheServerDies() {
        ChildProcess dying = start("sh", "-c", "echo 'port already in use'; exit 1");

        assertThatThrownBy(() -> Readiness.await(dying, () -> false, Duration.ofSeconds(30)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("exited with code 1 while starting")
                .hasMessageEndingWith("port already in use");
    }

    @Test
    void readinessTimesOutWithTheLastFailure() {
        ChildProcess silent = start("sleep", "300");
        try {
            assertThatThrownBy(() -> Readiness.await(silent, () -> {
                throw new IllegalStateException("connection refused");
            }, Duration.ofMillis(500)))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("was not ready within PT0.5S")
                    .hasMessageContaining("connection refused");
        } finally {
            silent.stop(GRACE);
        }
    }

    private ChildProcess start(String... command) {
        return ChildProcess.start("test", new ProcessCommand(List.of(command), Map.of()), directory,
                directory.resolve("test.log"));
    }
}
