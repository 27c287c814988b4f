package io.adinsights.servers.process;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A child JVM: the same Java as this one, running {@code mainClass} from {@code classpath} under the
 * {@link ParentWatchdog}, so it dies with this JVM even when this JVM is killed hard.
 */
public record JavaCommand(String mainClass, List<Path> classpath, List<String> jvmOptions, List<String> arguments) {
    public JavaCommand {
        requireNonNull(mainClass, "mainClass is null");
        classpath = List.copyOf(requireNonNull(classpath, "classpath is null"));
        jvmOptions = List.copyOf(requireNonNull(jvmOptions, "jvmOptions is null"));
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    }

    /** The command line: {@code java <options> -cp <classpath + watchdog> ParentWatchdog <our pid> <main> <args>}. */
    public ProcessCommand toProcessCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        // Last, so that the watchdog's jar can never shadow a class of the server.
        command.add(Stream.concat(classpath.stream(), Stream.of(watchdogLocation()))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)));
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(arguments);
        return new ProcessCommand(command, Map.of());
    }

    /** The jar (or classes directory) this launcher is loaded from, which holds the watchdog. */
    private static Path watchdogLocation() {
        try {
            return Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + ParentWatchdog.class.getName(), e);
        }
    }
}
