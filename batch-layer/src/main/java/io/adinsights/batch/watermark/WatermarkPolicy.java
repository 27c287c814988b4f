package io.adinsights.batch.watermark;

import static java.util.Objects.requireNonNull;

import io.adinsights.lakehouse.watermark.BatchWatermark;
import io.adinsights.schemas.rules.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far the batch watermark goes. Raw hours are by arrival: once every raw hour before {@code T} is compacted
 * ({@code T} = the end of the contiguous range of compacted raw hours), events of event time before
 * {@code T - completenessDelay} are taken as arrived (late ones still re-aggregate their hours, below the watermark).
 * The candidate is that instant floored to its UTC hour. The watermark never moves backwards, and moves forward only
 * when the run's quality checks passed; nothing else moves it.
 */
public final class WatermarkPolicy {

    private WatermarkPolicy() {
    }

    public static Instant candidate(Instant compactedThrough, Duration completenessDelay) {
        requireNonNull(compactedThrough, "compactedThrough is null");
        requireNonNull(completenessDelay, "completenessDelay is null");
        return Granularity.HOUR.bucketStart(compactedThrough.minus(completenessDelay));
    }

    /** The watermark the aggregate commit carries: the current one when checks failed, else the later of both. */
    public static Optional<Instant> next(Optional<Instant> current, Instant candidate, boolean checksPassed) {
        requireNonNull(current, "current is null");
        requireNonNull(candidate, "candidate is null");
        if (!checksPassed) {
            return current;
        }
        Instant next = current.filter(previous -> previous.isAfter(candidate)).orElse(candidate);
        BatchWatermark.checkAdvance(current, next);
        return Optional.of(next);
    }
}
