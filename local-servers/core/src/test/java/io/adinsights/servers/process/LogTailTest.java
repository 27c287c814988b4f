package io.adinsights.servers.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path directory;

    @Test
    void returnsTheLastLines() throws IOException {
        Path log = directory.resolve("server.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n")));

        assertThat(LogTail.lastLines(log, 3).lines()).containsExactly("line 98", "line 99", "line 100");
    }

    @Test
    void readsOnlyTheEndOfAHugeLog() throws IOException {
        Path log = directory.resolve("server.log");
        Files.writeString(log, "x".repeat(1_000_000) + "\nthe end\n");

        assertThat(LogTail.lastLines(log, 2)).endsWith("the end").hasSizeLessThan(70_000);
    }

    @Test
    void saysSoWhenThereIsNoLog() {
        Path missing = directory.resolve("missing.log");

        assertThat(LogTail.lastLines(missing, 10)).isEqualTo("(no log file at " + missing + ")");
    }
}
