package io.adinsights.servers.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.servers.Eventually;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentWatchdogTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    @Test
    void haltsTheChildWhenItsParentDies() throws IOException, InterruptedException, URISyntaxException {
        // A stand-in parent that the test can kill hard, as a CI runner kills a hung test JVM.
        Process parent = new ProcessBuilder("sleep", "300").start();
        String classpath = JavaCommandTest.classesOf(SleepingMain.class) + File.pathSeparator
                + JavaCommandTest.classesOf(ParentWatchdog.class);
        ProcessCommand command = new ProcessCommand(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m", "-cp", classpath,
                ParentWatchdog.class.getName(), Long.toString(parent.pid()), SleepingMain.class.getName()), Map.of());
        ChildProcess child = ChildProcess.start("orphan", command, directory, directory.resolve("orphan.log"));
        try {
            assertThat(Eventually.within(WAIT, () -> LogTail.lastLines(child.logFile(), 1).equals("sleeping")))
                    .isTrue();

            parent.destroyForcibly();

            assertThat(Eventually.within(WAIT, () -> !child.isAlive())).isTrue();
            assertThat(child.awaitExit(Duration.ZERO)).isEqualTo(ParentWatchdog.PARENT_GONE_EXIT_CODE);
        } finally {
            child.stop(Duration.ofSeconds(5));
            parent.destroyForcibly();
        }
    }
}
