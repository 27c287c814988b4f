package io.adinsights.servers.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Resident memory (RSS) of processes, as Linux reports it in {@code /proc/<pid>/status}. */
public final class ResidentMemory {
    private static final String RSS_FIELD = "VmRSS:";

    private ResidentMemory() {}

    /** Total RSS of the processes in KiB; empty where {@code /proc} cannot tell (not Linux, or all exited). */
    public static OptionalLong kibibytes(List<ProcessHandle> processes) {
        long total = 0;
        boolean known = false;
        for (ProcessHandle process : processes) {
            OptionalLong rss = kibibytes(process.pid());
            if (rss.isPresent()) {
                total += rss.getAsLong();
                known = true;
            }
        }
        return known ? OptionalLong.of(total) : OptionalLong.empty();
    }

    private static OptionalLong kibibytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(RSS_FIELD))
                    .mapToLong(ResidentMemory::parseKibibytes)
                    .findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Parses a line such as {@code "VmRSS:     673960 kB"}. */
    private static long parseKibibytes(String line) {
        return Long.parseLong(line.substring(RSS_FIELD.length()).replace("kB", "").trim());
    }
}
