package io.adinsights.speed.window;

import io.adinsights.schemas.rules.Granularity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The state of one metric row in {@link MetricWindows}: its open minute and hour windows with their totals, and when
 * its next early firing is due. One value per row, so that a partial costs one state read and one write whatever the
 * number of windows it counts for; the row's level and ids are in its key, not repeated here.
 */
@TypeInfo(OpenWindowsSerializer.TypeFactory.class)
public final class OpenWindows {

    /** An early-firing time: none pending. */
    public static final long NO_EARLY_FIRING = Long.MIN_VALUE;

    /** Processing time of the row's timer: the earliest early firing of its windows, or {@link #NO_EARLY_FIRING}. */
    long earlyFireAt;
    final List<Window> windows;

    OpenWindows(long earlyFireAt, List<Window> windows) {
        this.earlyFireAt = earlyFireAt;
        this.windows = windows;
    }

    static OpenWindows empty() {
        return new OpenWindows(NO_EARLY_FIRING, new ArrayList<>(4));
    }

    /** The open window of this size that starts there, or null. */
    Window find(Granularity granularity, long start) {
        for (Window window : windows) {
            if (window.start == start && window.granularity == granularity) {
                return window;
            }
        }
        return null;
    }

    /** The window total of one bucket, and when it fires early if data came since it was last emitted. */
    static final class Window {
        final Granularity granularity;
        final long start;
        /** The counts so far; no level or ids, which are the row's key. */
        final PartialCounts total;
        /** Processing time at which it fires early: an interval after the first data since it last fired. */
        long earlyFireAt = NO_EARLY_FIRING;

        Window(Granularity granularity, long start) {
            this.granularity = granularity;
            this.start = start;
            this.total = PartialCounts.of(null, null, null, start);
        }

        /** Data arrived since the window last fired: the next firing emits a new total. */
        boolean pending() {
            return earlyFireAt != NO_EARLY_FIRING;
        }

        long maxTimestamp() {
            return start + granularity.length().toMillis() - 1;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Window that && granularity == that.granularity && start == that.start
                    && total.equals(that.total) && earlyFireAt == that.earlyFireAt;
        }

        @Override
        public int hashCode() {
            return Objects.hash(granularity, start, total, earlyFireAt);
        }

        @Override
        public String toString() {
            return granularity + "@" + start + " [" + total.impressions + ", " + total.clicks + ", "
                    + total.clickToBasket + ", " + total.unattributedBaskets + "]"
                    + (pending() ? " fires early at " + earlyFireAt : "");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpenWindows that && earlyFireAt == that.earlyFireAt && windows.equals(that.windows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(earlyFireAt, windows);
    }

    @Override
    public String toString() {
        return windows + (earlyFireAt == NO_EARLY_FIRING ? "" : " timer at " + earlyFireAt);
    }
}
