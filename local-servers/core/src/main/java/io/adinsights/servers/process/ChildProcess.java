package io.adinsights.servers.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process started by this JVM, with its output appended to a log file. It is stopped by PID together with every
 * process it started: on {@link #stop(Duration)}, and by a JVM shutdown hook if nobody stopped it, so a failing test
 * run leaves nothing behind.
 */
public final class ChildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

    /** For the shutdown hook (the JVM is exiting) and for set-up steps that hung: no time for a long graceful stop. */
    private static final Duration QUICK_STOP_GRACE_PERIOD = Duration.ofSeconds(10);
    /** After SIGKILL a process is gone in milliseconds; this only bounds the wait if the kernel is very slow. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = requireNonNull(name, "name is null");
        this.process = requireNonNull(process, "process is null");
        this.logFile = requireNonNull(logFile, "logFile is null");
        this.shutdownHook = new Thread(() -> {
            OrderlyShutdown.awaitOrderlyStop();
            stop(QUICK_STOP_GRACE_PERIOD);
        }, "stop-" + name);
    }

    /**
     * Starts {@code command} in {@code workingDirectory}, appending its standard output and error to {@code logFile}.
     *
     * @throws ServerStartException if the program cannot be run at all
     */
    public static ChildProcess start(String name, ProcessCommand command, Path workingDirectory, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command.arguments())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(command.environment());
        Process process;
        try {
            process = builder.start();
            // Nothing is ever written to a server's standard input; closing it tells the child so.
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new ServerStartException("Cannot run " + command.program() + " for " + name + ": " + e.getMessage(),
                    e);
        }
        ChildProcess child = new ChildProcess(name, process, logFile);
        try {
            Runtime.getRuntime().addShutdownHook(child.shutdownHook);
        } catch (IllegalStateException e) {
            child.stop(QUICK_STOP_GRACE_PERIOD);
            throw new ServerStartException("Not starting " + name + ": this JVM is shutting down", e);
        }
        LOG.debug("Started {} as pid {}: {}", name, process.pid(), command.arguments());
        return child;
    }

    /**
     * Runs {@code command} to completion, for set-up steps such as formatting storage.
     *
     * @throws ServerStartException if it fails, or does not finish within {@code timeout}
     */
    public static void run(String name, ProcessCommand command, Path workingDirectory, Path logFile,
            Duration timeout) {
        ChildProcess child = start(name, command, workingDirectory, logFile);
        int exitCode = child.awaitExit(timeout);
        if (exitCode != 0) {
            throw new ServerStartException(name + " failed with exit code " + exitCode + child.describeLogTail());
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Resident memory of this process and its descendants, in KiB, where the operating system tells. */
    public OptionalLong residentMemoryKib() {
        return ResidentMemory.kibibytes(processTree());
    }

    /** A few words about the log file and its last lines, to end an exception message with. */
    public String describeLogTail() {
        return "; last lines of " + logFile + ":" + System.lineSeparator() + LogTail.lastLines(logFile, LOG_TAIL_LINES);
    }

    /**
     * Waits for the process to exit by itself and returns its exit code.
     *
     * @throws ServerStartException if it is still running after {@code timeout}, or the waiting thread is interrupted;
     *                              it is then stopped
     */
    public int awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                removeShutdownHook();
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            // Stopped from outside while it ran: end the process, then pass the interrupt on.
            stop(QUICK_STOP_GRACE_PERIOD);
            Thread.currentThread().interrupt();
            throw new ServerStartException(name + " was stopped while it ran", e);
        }
        stop(QUICK_STOP_GRACE_PERIOD);
        throw new ServerStartException(name + " did not finish within " + timeout + describeLogTail());
    }

    /**
     * Stops the process and all its descendants: SIGTERM first, then SIGKILL for whatever still runs after
     * {@code gracePeriod}. Safe to call more than once, and from several threads.
     */
    public void stop(Duration gracePeriod) {
        synchronized (this) {
            // Descendants are listed before anything is signalled: once their parent is gone they are orphans
            // that no longer show up as its descendants.
            List<ProcessHandle> tree = processTree();
            tree.forEach(ProcessHandle::destroy);
            List<ProcessHandle> survivors = survivorsAfter(tree, gracePeriod);
            if (!survivors.isEmpty()) {
                LOG.warn("{} (pid {}) did not stop within {}; killing {} process(es)", name, pid(), gracePeriod,
                        survivors.size());
                survivors.forEach(ProcessHandle::destroyForcibly);
                survivors = survivorsAfter(survivors, KILL_WAIT);
                if (!survivors.isEmpty()) {
                    LOG.error("{}: process(es) {} survived SIGKILL", name,
                            survivors.stream().map(ProcessHandle::pid).toList());
                }
            }
        }
        removeShutdownHook();
    }

    private List<ProcessHandle> processTree() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    }

    /** Waits until every process exited or the time is up, and returns those still alive. */
    private static List<ProcessHandle> survivorsAfter(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still alive: reported below with the other survivors
            } catch (InterruptedException e) {
                // stop waiting, but still report the survivors so they are killed
                Thread.currentThread().interrupt();
                break;
            }
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running, or about to, and stops nothing twice.
            LOG.trace("Shutdown in progress; keeping the hook of {}", name);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
