package io.adinsights.stack;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import io.adinsights.schemas.cql.CqlSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * How far the speed layer is: its watermark in {@code layer_progress} (every total before it is final in CQL) and
 * its newest complete checkpoint.
 */
final class SpeedProgress implements AutoCloseable {

    private static final String LAYER = "speed-layer";
    private static final long POLL_MILLIS = 250;

    private final CqlSession session;
    private final Path checkpoints;

    SpeedProgress(InetSocketAddress contactPoint, String datacenter, Path checkpoints) {
        this.session = CqlSession.builder().addContactPoint(contactPoint).withLocalDatacenter(datacenter).build();
        this.checkpoints = checkpoints;
    }

    /** The speed layer's watermark, or {@link Instant#MIN} before its first one (or while CQL is unreachable). */
    Instant watermark() {
        try {
            Row row = session.execute("SELECT " + CqlSchema.PROGRESS_WATERMARK + " FROM " + LocalStack.KEYSPACE + "."
                    + CqlSchema.PROGRESS_TABLE + " WHERE " + CqlSchema.PROGRESS_LAYER + " = ?", LAYER).one();
            return row == null || row.getInstant(0) == null ? Instant.MIN : row.getInstant(0);
        } catch (DriverException e) {
            return Instant.MIN;
        }
    }

    /** Waits until the watermark reaches {@code target}. */
    void awaitWatermark(Instant target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (watermark().isBefore(target)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The speed layer's watermark " + watermark() + " did not reach "
                        + target + " within " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits until a checkpoint completes that was started after this call: the state as of now is saved. */
    void awaitNextCheckpoint(Duration timeout) throws InterruptedException {
        Instant since = Instant.now();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!newestCheckpoint().isAfter(since)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("No checkpoint completed within " + timeout + " in " + checkpoints);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** When the newest checkpoint's metadata was written: a checkpoint is complete once it is. */
    private Instant newestCheckpoint() {
        if (!Files.isDirectory(checkpoints)) {
            return Instant.MIN;
        }
        try (Stream<Path> files = Files.find(checkpoints, 3, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().equals("_metadata"))) {
            return files.map(SpeedProgress::modified).max(Instant::compareTo).orElse(Instant.MIN);
        } catch (IOException | UncheckedIOException e) {
            // Flink deletes older checkpoints while we look: look again on the next poll.
            return Instant.MIN;
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CqlSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
