package io.adinsights.servers.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {
    @TempDir
    Path directory;

    @Test
    void runsTheMainClassUnderTheWatchdogWithItsArguments() throws URISyntaxException {
        JavaCommand java = new JavaCommand(PrintingMain.class.getName(), List.of(classesOf(PrintingMain.class)),
                List.of("-Xmx32m"), List.of("one", "two words"));
        Path log = directory.resolve("java.log");

        ChildProcess.run("printing", java.toProcessCommand(), directory, log, Duration.ofSeconds(30));

        assertThat(LogTail.lastLines(log, 1)).isEqualTo("one|two words");
        assertThat(java.toProcessCommand().arguments())
                .containsSubsequence(ParentWatchdog.class.getName(), Long.toString(ProcessHandle.current().pid()),
                        PrintingMain.class.getName());
    }

    static Path classesOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
