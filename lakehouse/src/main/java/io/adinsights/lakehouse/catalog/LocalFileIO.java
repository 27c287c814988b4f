package io.adinsights.lakehouse.catalog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * A {@link FileIO} over the local file system, for the lake on one machine. Iceberg's own local files do the reading
 * and writing, so no Hadoop is needed; Hadoop's file system would also write a {@code .crc} beside every file.
 *
 * <p>Locations are absolute paths, bare or as {@code file:} URIs ({@code file:/x} or {@code file:///x}). A file keeps
 * its location exactly as given, so the paths recorded in table metadata are the ones the catalog computed.
 */
public final class LocalFileIO implements FileIO {

    private static final long serialVersionUID = 1L;
    private static final String FILE_URI_WITH_AUTHORITY = "file://";
    private static final String FILE_URI = "file:";
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private Map<String, String> properties = Map.of();

    /** For {@code io-impl}: Iceberg creates the FileIO by reflection, then calls {@link #initialize}. */
    public LocalFileIO() {
    }

    @Override
    public void initialize(Map<String, String> catalogProperties) {
        this.properties = Map.copyOf(requireNonNull(catalogProperties, "catalogProperties is null"));
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public InputFile newInputFile(String location) {
        return new LocalInputFile(location, org.apache.iceberg.Files.localInput(path(location).toFile()));
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return new LocalOutputFile(location, org.apache.iceberg.Files.localOutput(path(location).toFile()));
    }

    @Override
    public void deleteFile(String location) {
        try {
            Files.deleteIfExists(path(location));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + location, e);
        }
    }

    /** The local path of a location; rejects other schemes and relative paths, which would depend on the cwd. */
    static Path path(String location) {
        requireNonNull(location, "location is null");
        String path;
        if (location.startsWith(FILE_URI_WITH_AUTHORITY)) {
            path = location.substring(FILE_URI_WITH_AUTHORITY.length());
        } else if (location.startsWith(FILE_URI)) {
            path = location.substring(FILE_URI.length());
        } else if (URI_SCHEME.matcher(location).lookingAt()) {
            throw new IllegalArgumentException(String.format(
                    "Invalid location: %s (LocalFileIO reads local paths and file: URIs only)", location));
        } else {
            path = location;
        }
        Path result = Paths.get(path);
        if (!result.isAbsolute()) {
            throw new IllegalArgumentException(String.format(
                    "Invalid location: %s (must be an absolute path, e.g. file:///var/lake/...)", location));
        }
        return result;
    }

    private record LocalInputFile(String location, InputFile file) implements InputFile {

        @Override
        public long getLength() {
            return file.getLength();
        }

        @Override
        public SeekableInputStream newStream() {
            return file.newStream();
        }

        @Override
        public boolean exists() {
            return file.exists();
        }

        @Override
        public String toString() {
            return location;
        }
    }

    private record LocalOutputFile(String location, OutputFile file) implements OutputFile {

        @Override
        public PositionOutputStream create() {
            return file.create();
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
            return file.createOrOverwrite();
        }

        @Override
        public InputFile toInputFile() {
            return new LocalInputFile(location, file.toInputFile());
        }

        @Override
        public String toString() {
            return location;
        }
    }
}
