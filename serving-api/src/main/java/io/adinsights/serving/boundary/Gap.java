package io.adinsights.serving.boundary;

import static java.util.Objects.requireNonNull;

/** Part of a requested range that no layer answered, and why: never a silent under-count. */
public record Gap(TimeRange range, Reason reason) {

    /** Why a part of the range has no answer. */
    public enum Reason {
        /** The batch layer has not reached this part, and the speed layer no longer keeps it. */
        BATCH_BEHIND,
        /** The speed layer (ScyllaDB) could not be read; this part is fresher than the batch watermark. */
        REALTIME_UNAVAILABLE
    }

    public Gap {
        requireNonNull(range, "range is null");
        requireNonNull(reason, "reason is null");
    }
}
