package io.adinsights.speed.window;

import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.speed.attribution.Contribution;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums contributions per row (an ad, its campaign, or the unattributed row) and minute before the shuffle to the
 * windows, so that the windows see one partial per row and minute instead of one record per event. Buffered partials
 * are flushed: before a watermark that reaches the end of the earliest buffered minute (so partials precede the
 * watermark that may close their window; a watermark that closes none of them passes without a flush, as partials
 * behind it are still on time for their windows), every flush interval of processing time (so totals stay fresh),
 * before every checkpoint barrier (nothing is buffered across a checkpoint: exactly-once without state), and when
 * the map grows large. Each partial carries its minute's start as timestamp, which puts it in the right minute and
 * hour window.
 */
public final class PreAggregateContributions extends AbstractStreamOperator<PartialCounts>
        implements OneInputStreamOperator<Contribution, PartialCounts> {

    public static final int MAX_ENTRIES_DEFAULT = 10_000;
    /** Buffering adds at most this to freshness: a tenth of the one-second early firing of the windows. */
    public static final Duration FLUSH_INTERVAL_DEFAULT = Duration.ofMillis(100);

    private static final long serialVersionUID = 1L;

    private final int maxEntries;
    private final long flushIntervalMillis;
    /** The ad and unattributed rows, each with its campaign's row: one lookup per contribution counts both. */
    private transient Map<Key, Rows> rows;
    private transient Map<Key, PartialCounts> campaigns;
    /** The last millisecond of the earliest buffered minute: a watermark at or past it may close its window. */
    private transient long earliestWindowEnd;

    public PreAggregateContributions(int maxEntries, Duration flushInterval) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("Invalid maxEntries: " + maxEntries + " (must be >= 1)");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("Invalid flushInterval: " + flushInterval + " (must be > 0)");
        }
        this.maxEntries = maxEntries;
        this.flushIntervalMillis = flushInterval.toMillis();
        // Chained to the operator before it: contributions never cross the network, only the fewer partials do.
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    public PreAggregateContributions(int maxEntries) {
        this(maxEntries, FLUSH_INTERVAL_DEFAULT);
    }

    @Override
    public void open() throws Exception {
        super.open();
        rows = new HashMap<>();
        campaigns = new HashMap<>();
        earliestWindowEnd = Long.MAX_VALUE;
        scheduleFlush();
    }

    private void scheduleFlush() {
        ProcessingTimeService time = getProcessingTimeService();
        time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMillis, now -> {
            flush();
            scheduleFlush();
        });
    }

    @Override
    public void processElement(StreamRecord<Contribution> element) {
        Contribution contribution = element.getValue();
        long minute = Granularity.MINUTE.bucketStart(Instant.ofEpochMilli(contribution.eventTime)).toEpochMilli();
        earliestWindowEnd = Math.min(earliestWindowEnd, minute + Granularity.MINUTE.length().toMillis() - 1);
        Key key = contribution.kind == Contribution.Kind.UNATTRIBUTED_BASKET
                ? new Key(MetricTable.Level.UNATTRIBUTED, null, null, minute)
                : new Key(MetricTable.Level.AD, contribution.campaignId, contribution.adId, minute);
        Rows counted = rows.get(key);
        if (counted == null) {
            counted = open(key);
        }
        count(contribution, counted.row);
        if (counted.campaign != null) {
            // An ad's counts also count for its campaign: both rows are summed here, before the shuffle.
            count(contribution, counted.campaign);
        }
        if (rows.size() + campaigns.size() >= maxEntries) {
            flush();
        }
    }

    private Rows open(Key key) {
        PartialCounts row = PartialCounts.of(key.level, key.campaignId, key.adId, key.minuteStart);
        PartialCounts campaign = key.level == MetricTable.Level.UNATTRIBUTED ? null
                : campaigns.computeIfAbsent(new Key(MetricTable.Level.CAMPAIGN, key.campaignId, null,
                        key.minuteStart), campaignKey -> PartialCounts.of(campaignKey.level, campaignKey.campaignId,
                        null, campaignKey.minuteStart));
        Rows counted = new Rows(row, campaign);
        rows.put(key, counted);
        return counted;
    }

    private static void count(Contribution contribution, PartialCounts partial) {
        switch (contribution.kind) {
            case IMPRESSION -> partial.impressions++;
            case CLICK -> partial.clicks++;
            case ATTRIBUTED_BASKET -> partial.clickToBasket++;
            case UNATTRIBUTED_BASKET -> partial.unattributedBaskets++;
            default -> throw new IllegalStateException("Unknown contribution " + contribution.kind);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() >= earliestWindowEnd) {
            flush();
        }
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        for (Rows counted : rows.values()) {
            output.collect(new StreamRecord<>(counted.row, counted.row.minuteStart));
        }
        for (PartialCounts campaign : campaigns.values()) {
            output.collect(new StreamRecord<>(campaign, campaign.minuteStart));
        }
        rows.clear();
        campaigns.clear();
        earliestWindowEnd = Long.MAX_VALUE;
    }

    private record Key(MetricTable.Level level, String campaignId, String adId, long minuteStart) {
    }

    /** An ad's row with its campaign's, or the unattributed row alone. */
    private record Rows(PartialCounts row, PartialCounts campaign) {
    }
}
