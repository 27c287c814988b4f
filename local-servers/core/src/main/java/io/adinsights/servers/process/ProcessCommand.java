package io.adinsights.servers.process;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What to run in a child process: the program and its arguments, and the environment variables to add to this JVM's.
 */
public record ProcessCommand(List<String> arguments, Map<String, String> environment) {
    public ProcessCommand {
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("Invalid command: no program to run");
        }
    }

    /** The program that is run, for messages. */
    public String program() {
        return arguments.get(0);
    }
}
