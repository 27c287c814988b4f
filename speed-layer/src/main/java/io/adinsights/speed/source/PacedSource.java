package io.adinsights.speed.source;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Another source whose readers, once they have run dry, are not asked for records again before {@code emptyPollDelay}
 * has passed. The Kinesis source of flink-connector-kinesis 4.3 polls its shards back to back, also when they are
 * empty (FLINK-36947, fixed in 5.x with a 250 ms wait): that costs a CPU and runs into the 5 GetRecords a second of a
 * shard. Holding the reader back holds its fetcher back too, as the fetcher blocks on the reader's full hand-over
 * queue. While records keep coming, nothing waits.
 */
public final class PacedSource<T, S extends SourceSplit, E> implements Source<T, S, E>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> source;
    private final Duration emptyPollDelay;
    private final TypeInformation<T> producedType;

    public PacedSource(Source<T, S, E> source, Duration emptyPollDelay, TypeInformation<T> producedType) {
        this.source = requireNonNull(source, "source is null");
        this.emptyPollDelay = requireNonNull(emptyPollDelay, "emptyPollDelay is null");
        this.producedType = requireNonNull(producedType, "producedType is null");
        if (emptyPollDelay.isNegative()) {
            throw new IllegalArgumentException("Invalid emptyPollDelay: " + emptyPollDelay + " (must be >= 0)");
        }
    }

    @Override
    public Boundedness getBoundedness() {
        return source.getBoundedness();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new PacedReader<>(source.createReader(context), emptyPollDelay.toMillis());
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
        return source.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return source.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return source.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return source.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }

    /** Everything as the wrapped reader does it, except that it is unavailable for a while after running dry. */
    static final class PacedReader<T, S extends SourceSplit> implements SourceReader<T, S> {

        private final SourceReader<T, S> reader;
        private final long delayMillis;
        /** Completes when the reader may be asked again after it ran dry; null while records keep coming. */
        private CompletableFuture<Void> pause;

        PacedReader(SourceReader<T, S> reader, long delayMillis) {
            this.reader = reader;
            this.delayMillis = delayMillis;
        }

        @Override
        public void start() {
            reader.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            InputStatus status = reader.pollNext(output);
            pause = status == InputStatus.NOTHING_AVAILABLE && delayMillis > 0
                    ? CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS))
                    : null;
            return status;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            CompletableFuture<Void> data = reader.isAvailable();
            CompletableFuture<Void> wait = pause;
            return wait == null || wait.isDone() ? data : CompletableFuture.allOf(wait, data);
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            reader.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void addSplits(List<S> splits) {
            reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent sourceEvent) {
            reader.handleSourceEvents(sourceEvent);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> splitsToPause,
                Collection<String> splitsToResume) {
            reader.pauseOrResumeSplits(splitsToPause, splitsToResume);
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }
}
