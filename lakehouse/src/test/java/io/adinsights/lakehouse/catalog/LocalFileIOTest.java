package io.adinsights.lakehouse.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOTest {

    @TempDir
    Path dir;

    private final LocalFileIO io = new LocalFileIO();

    @Test
    void writesAndReadsFilesKeepingTheirLocationAsGiven() throws IOException {
        String location = "file://" + dir.resolve("table/metadata/v1.json");
        OutputFile output = io.newOutputFile(location);
        try (OutputStream out = output.create()) {
            out.write("{}".getBytes(UTF_8));
        }

        InputFile input = io.newInputFile(location);
        assertThat(input.location()).isEqualTo(location);
        assertThat(output.toInputFile().location()).isEqualTo(location);
        assertThat(input.exists()).isTrue();
        assertThat(input.getLength()).isEqualTo(2);
        try (InputStream in = input.newStream()) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("{}");
        }
        assertThat(Files.readString(dir.resolve("table/metadata/v1.json"))).isEqualTo("{}");
    }

    @Test
    void createNeverOverwritesButCreateOrOverwriteDoes() throws IOException {
        String location = "file:" + dir.resolve("data.parquet");
        try (OutputStream out = io.newOutputFile(location).create()) {
            out.write(1);
        }

        assertThatThrownBy(() -> io.newOutputFile(location).create()).isInstanceOf(AlreadyExistsException.class);
        try (OutputStream out = io.newOutputFile(location).createOrOverwrite()) {
            out.write(new byte[] {1, 2, 3});
        }
        assertThat(io.newInputFile(dir.resolve("data.parquet").toString()).getLength()).isEqualTo(3);
    }

    @Test
    void deletesFilesAndToleratesMissingOnes() throws IOException {
        Path file = Files.writeString(dir.resolve("old.avro"), "x");

        io.deleteFile(file.toString());
        io.deleteFile(file.toString());

        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> io.newInputFile(file.toString()).newStream()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void rejectsOtherSchemesAndRelativePaths() {
        assertThatThrownBy(() -> io.newInputFile("s3://bucket/key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid location: s3://bucket/key (LocalFileIO reads local paths and file: URIs only)");
        assertThatThrownBy(() -> io.newOutputFile("warehouse/t"))
                .hasMessageStartingWith("Invalid location: warehouse/t (must be an absolute path");
        assertThatThrownBy(() -> io.newOutputFile("file://host/warehouse/t"))
                .hasMessageStartingWith("Invalid location: file://host/warehouse/t (must be an absolute path");
    }
}
