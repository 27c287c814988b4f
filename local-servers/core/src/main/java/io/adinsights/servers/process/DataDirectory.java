package io.adinsights.servers.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a server keeps its data and its log: a directory given by the caller, kept, or a temporary one, deleted on
 * {@link #deleteIfTemporary()}.
 */
public final class DataDirectory {
    /**
     * Where temporary directories go when set. The build's test JVMs set it to {@code target/}, so even a test run
     * killed before it could clean up leaves nothing outside {@code target/}.
     */
    public static final String BASE_DIRECTORY_PROPERTY = "adinsights.build.dir";

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = requireNonNull(path, "path is null");
        this.temporary = temporary;
    }

    /** The given directory, created if needed and never deleted. */
    public static DataDirectory given(Path path) {
        try {
            return new DataDirectory(Files.createDirectories(path).toAbsolutePath(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + path, e);
        }
    }

    /** A new temporary directory whose name starts with {@code prefix}. */
    public static DataDirectory temporary(String prefix) {
        try {
            String base = System.getProperty(BASE_DIRECTORY_PROPERTY);
            Path path = base == null
                    ? Files.createTempDirectory(prefix + "-")
                    : Files.createTempDirectory(Files.createDirectories(Path.of(base, "local-servers")), prefix + "-");
            return new DataDirectory(path.toAbsolutePath(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for " + prefix, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the directory and everything in it if it is a temporary one; the server must be stopped. */
    public void deleteIfTemporary() {
        if (!temporary) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> files = Files.walk(path)) {
            deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            LOG.warn("Cannot list {} to delete it: {}", path, e.toString());
            return;
        }
        for (Path file : deepestFirst) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", file, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
