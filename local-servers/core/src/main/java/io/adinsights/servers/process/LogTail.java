package io.adinsights.servers.process;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, to put in an exception message when a server fails to start. */
public final class LogTail {
    /** Read at most this much from the end: a server may have logged megabytes before it failed. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    /** The last {@code lines} lines of {@code file}, or a short note saying why there are none. */
    public static String lastLines(Path file, int lines) {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long size = log.length();
            byte[] tail = new byte[(int) Math.min(size, MAX_BYTES)];
            log.seek(size - tail.length);
            log.readFully(tail);
            List<String> all = new String(tail, StandardCharsets.UTF_8).lines().toList();
            if (all.isEmpty()) {
                return "(log file " + file + " is empty)";
            }
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (FileNotFoundException e) {
            return "(no log file at " + file + ")";
        } catch (IOException e) {
            return "(cannot read log file " + file + ": " + e.getMessage() + ")";
        }
    }
}
