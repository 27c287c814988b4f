package io.adinsights.speed.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

class PacedSourceTest {

    @Test
    void aReaderThatRanDryIsUnavailableForTheDelayEvenWithRecordsWaiting() throws Exception {
        ScriptedReader reader = new ScriptedReader(InputStatus.NOTHING_AVAILABLE);
        PacedSource.PacedReader<String, SourceSplit> paced = new PacedSource.PacedReader<>(reader,
                TimeUnit.HOURS.toMillis(1));

        assertThat(paced.isAvailable()).as("before any poll").isDone();
        paced.pollNext(null);

        assertThat(reader.isAvailable()).isDone();
        assertThat(paced.isAvailable()).as("within the delay").isNotDone();
    }

    @Test
    void theReaderIsAvailableAgainOnceTheDelayHasPassed() throws Exception {
        ScriptedReader reader = new ScriptedReader(InputStatus.NOTHING_AVAILABLE);
        PacedSource.PacedReader<String, SourceSplit> paced = new PacedSource.PacedReader<>(reader, 20);

        paced.pollNext(null);

        paced.isAvailable().get(30, TimeUnit.SECONDS);
    }

    @Test
    void nothingWaitsWhileRecordsKeepComing() throws Exception {
        ScriptedReader reader = new ScriptedReader(InputStatus.NOTHING_AVAILABLE, InputStatus.MORE_AVAILABLE);
        PacedSource.PacedReader<String, SourceSplit> paced = new PacedSource.PacedReader<>(reader,
                TimeUnit.HOURS.toMillis(1));

        paced.pollNext(null);
        assertThat(paced.isAvailable()).isNotDone();
        assertThat(paced.pollNext(null)).isEqualTo(InputStatus.MORE_AVAILABLE);

        assertThat(paced.isAvailable()).isDone();
    }

    @Test
    void aZeroDelayNeverWaits() throws Exception {
        ScriptedReader reader = new ScriptedReader(InputStatus.NOTHING_AVAILABLE);
        PacedSource.PacedReader<String, SourceSplit> paced = new PacedSource.PacedReader<>(reader, 0);

        paced.pollNext(null);

        assertThat(paced.isAvailable()).isDone();
    }

    /** Answers polls from a script and always has records available. */
    private static final class ScriptedReader implements SourceReader<String, SourceSplit> {
        private final Deque<InputStatus> script;

        ScriptedReader(InputStatus... statuses) {
            this.script = new ArrayDeque<>(List.of(statuses));
        }

        @Override
        public void start() {
        }

        @Override
        public InputStatus pollNext(ReaderOutput<String> output) {
            return script.isEmpty() ? InputStatus.NOTHING_AVAILABLE : script.poll();
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<SourceSplit> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public void addSplits(List<SourceSplit> splits) {
        }

        @Override
        public void notifyNoMoreSplits() {
        }

        @Override
        public void close() {
        }
    }
}
