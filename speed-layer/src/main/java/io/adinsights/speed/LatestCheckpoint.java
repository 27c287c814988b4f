package io.adinsights.speed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest complete checkpoint under a local checkpoint directory ({@code <dir>/<job id>/chk-<n>/_metadata}),
 * across every job that wrote there. Only {@code file:} directories: on a cluster the operator picks the checkpoint.
 */
final class LatestCheckpoint {

    private static final String METADATA = "_metadata";
    private static final String PREFIX = "chk-";

    private LatestCheckpoint() {
    }

    static Optional<Path> in(String checkpointDir) {
        URI uri = URI.create(checkpointDir);
        if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
            return Optional.empty();
        }
        Path root = uri.getScheme() == null ? Path.of(checkpointDir) : Path.of(uri);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(root, 3, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().equals(METADATA)
                && path.getParent().getFileName().toString().startsWith(PREFIX))) {
            // A checkpoint is complete once its metadata file is written; the last one written is the newest.
            return files.max(Comparator.comparing(LatestCheckpoint::modified)).map(Path::getParent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list checkpoints in " + root, e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
