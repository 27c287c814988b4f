package io.adinsights.servers.process;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The main class of every child JVM: {@code ParentWatchdog <parent pid> <main class> [args...]}. It halts the child
 * as soon as the parent JVM is gone, then runs the real main class. A parent killed with SIGKILL runs no shutdown
 * hook, so without this its servers would run on, holding ports and memory. Depends on nothing but the JDK, since it
 * runs on the child's classpath.
 */
public final class ParentWatchdog {
    /** The exit code of a process ended by SIGTERM, as a shell reports it. */
    static final int PARENT_GONE_EXIT_CODE = 143;

    private ParentWatchdog() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length < 2) {
            throw new IllegalArgumentException("Usage: ParentWatchdog <parent pid> <main class> [args...]");
        }
        long parentPid = Long.parseLong(args[0]);
        // onExit() of a process that is not our child is completed by a JDK thread polling whether it still runs.
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(ParentWatchdog::halt),
                ParentWatchdog::halt);
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }

    /** Halt, not exit: the server's own shutdown hooks may wait on things the dead parent will never do. */
    private static void halt() {
        Runtime.getRuntime().halt(PARENT_GONE_EXIT_CODE);
    }
}
