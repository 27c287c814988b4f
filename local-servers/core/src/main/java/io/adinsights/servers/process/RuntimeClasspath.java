package io.adinsights.servers.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of a server's child JVM, recorded at build time by a {@code *-runtime} module in a resource file.
 * The server's jars are resolved by Maven but never put on the caller's classpath.
 */
public final class RuntimeClasspath {
    private RuntimeClasspath() {}

    /**
     * Reads the classpath recorded in {@code resource}.
     *
     * @throws IllegalStateException if the resource is missing, or names a jar that is not there
     */
    public static List<Path> fromResource(String resource) {
        String recorded;
        try (InputStream in = RuntimeClasspath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " is not on the classpath: it is written"
                        + " by the runtime module (local-servers/*-runtime) at build time");
            }
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        List<Path> classpath = Arrays.stream(recorded.split(File.pathSeparator)).map(Path::of).toList();
        for (Path entry : classpath) {
            if (!Files.exists(entry)) {
                throw new IllegalStateException(entry + " (listed in " + resource + ") does not exist: rebuild the"
                        + " runtime module so Maven downloads it again");
            }
        }
        return classpath;
    }
}
