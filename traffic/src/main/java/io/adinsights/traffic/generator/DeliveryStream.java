package io.adinsights.traffic.generator;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.validation.RejectionReason;
import io.adinsights.traffic.generator.EventRenderer.Rendered;
import io.adinsights.traffic.generator.TrafficModel.Scheduled;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns the on-time events of a {@link TrafficModel} into deliveries, phase by phase, adding the messiness: events
 * held back (out of order), baskets before their click, late events, duplicates and malformed records. All state is
 * bounded buffers, so a scenario of any length streams in constant memory.
 *
 * <p>Why lateness is exact: every on-time event arrives at most maxDisorder (below the watermark bound) behind the
 * newest event before it, and every late event is far older than the late threshold of the phase before its own.
 */
final class DeliveryStream {

    /** A delivery waiting for its sequence number. */
    private record Outgoing(Rendered rendered, byte[] payload, String partitionKey, RejectionReason reason,
            DeliveryKind kind) {
    }

    private final TrafficConfig config;
    private final EventIds ids;
    private final TrafficModel model;
    private final EventRenderer renderer;
    private final MalformedRecords malformed;
    private final DuplicateSchedule duplicates;
    private final DisorderBuffer disorder = new DisorderBuffer();
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private final SplittableRandom random;
    /** Indexes of the on-time events that a record over the size limit comes just before, ascending. */
    private final long[] oversizedBefore;
    /** H(k) per phase in epoch milliseconds, known once phase k is fully read. */
    private final long[] maxOnTimeMillis;
    private final long maxDisorderMillis;

    private int phase;
    private boolean phaseGenerated;
    private boolean phaseRead;
    private long onTimeEvents;
    private int oversizedSent;
    private long malformedSent;
    private long sequence;
    private long newestOnTimeMillis = Long.MIN_VALUE;

    DeliveryStream(TrafficConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        this.ids = new EventIds(config.seed());
        Catalog catalog = new Catalog(config, root.split());
        this.model = new TrafficModel(config, catalog, ids, root.split());
        this.renderer = new EventRenderer(root.split());
        this.malformed = new MalformedRecords(config, root.split());
        this.duplicates = new DuplicateSchedule(config, root.split());
        this.random = root.split();
        SplittableRandom positions = root.split();
        this.oversizedBefore = new long[config.oversizedRecords()];
        for (int i = 0; i < oversizedBefore.length; i++) {
            oversizedBefore[i] = positions.nextLong(config.events());
        }
        Arrays.sort(oversizedBefore);
        this.maxOnTimeMillis = new long[config.phases()];
        this.maxDisorderMillis = config.maxDisorder().toMillis();
    }

    int phase() {
        return phase;
    }

    /** Whether every delivery of the current phase has been read. */
    boolean isPhaseRead() {
        return phaseRead;
    }

    /** The next delivery of the current phase, or null when the phase is fully read. */
    Delivery nextInPhase() {
        while (!phaseRead) {
            DuplicateSchedule.Copy due = duplicates.dueAt(sequence);
            if (due != null) {
                return take(new Outgoing(due.rendered(), due.rendered().payload(),
                        due.rendered().event().eventId(), null, due.kind()));
            }
            if (!outbox.isEmpty()) {
                return take(outbox.poll());
            }
            if (!phaseGenerated) {
                step();
            } else if (phase == config.phases() - 1 && duplicates.size() > 0) {
                DuplicateSchedule.Copy last = duplicates.next();
                return take(new Outgoing(last.rendered(), last.rendered().payload(),
                        last.rendered().event().eventId(), null, last.kind()));
            } else {
                phaseRead = true;
                maxOnTimeMillis[phase] = newestOnTimeMillis;
            }
        }
        return null;
    }

    /** Moves on to the next phase once the current one is read; false after the last phase. */
    boolean startNextPhase() {
        if (!phaseRead) {
            throw new IllegalStateException("Phase " + phase + " is not fully read yet");
        }
        if (phase == config.phases() - 1) {
            return false;
        }
        phase++;
        phaseGenerated = false;
        phaseRead = false;
        return true;
    }

    /** H(k): the max eventTime of the on-time events delivered up to the end of phase k. */
    long maxOnTimeMillis(int k) {
        checkRead(k);
        return maxOnTimeMillis[k];
    }

    /** lateThreshold(k) = H(k) - watermarkBound - thresholdMargin. */
    long lateThresholdMillis(int k) {
        return maxOnTimeMillis(k) - config.watermarkBound().toMillis() - config.thresholdMargin().toMillis();
    }

    /** Everything held in memory: bounded by rates and delays, never by the length of the scenario. */
    int bufferedItems() {
        return model.pendingEvents() + disorder.size() + duplicates.size() + outbox.size();
    }

    private void checkRead(int k) {
        if (k < 0 || k > phase || (k == phase && !phaseRead)) {
            throw new IllegalStateException("Phase " + k + " is not fully read yet (reading phase " + phase + ")");
        }
    }

    /** Generates the next on-time event of the phase and what comes with it, or ends the phase's generation. */
    private void step() {
        if (onTimeEvents == (phase + 1) * config.events() / config.phases()) {
            disorder.releaseAll(held -> enqueue(held, DeliveryKind.DELAYED));
            phaseGenerated = true;
            return;
        }
        Scheduled next = model.next();
        disorder.releaseBefore(next.time(), held -> enqueue(held, DeliveryKind.DELAYED));
        while (oversizedSent < oversizedBefore.length && oversizedBefore[oversizedSent] == onTimeEvents) {
            addMalformed(RejectionReason.RECORD_TOO_LARGE, next.event());
            oversizedSent++;
        }
        onTimeEvents++;
        Rendered rendered = renderer.render(next.event());
        switch (next.role()) {
            case HELD_CLICK -> disorder.hold(rendered, next.time() + maxDisorderMillis);
            case EARLY_BASKET -> enqueue(rendered, DeliveryKind.FIRST_COPY);
            default -> {
                if (random.nextDouble() < config.outOfOrderRate()) {
                    disorder.hold(rendered, next.time() + 1 + random.nextLong(maxDisorderMillis));
                } else {
                    enqueue(rendered, DeliveryKind.FIRST_COPY);
                }
            }
        }
        if (phase > 0 && random.nextDouble() < config.lateRate()) {
            long newest = lateThresholdMillis(phase - 1) - config.allowedLateness().toMillis()
                    - config.lateClearanceMin().toMillis();
            long oldest = newest - (config.lateClearanceMax().toMillis() - config.lateClearanceMin().toMillis());
            for (AdEvent late : model.lateEvents(oldest, newest)) {
                enqueue(renderer.render(late), DeliveryKind.LATE);
            }
        }
    }

    /** Queues the first copy of an event, maybe right after a malformed record. */
    private void enqueue(Rendered rendered, DeliveryKind kind) {
        if (random.nextDouble() < config.malformedRate()) {
            addMalformed(malformed.randomReason(), rendered.event());
        }
        outbox.add(new Outgoing(rendered, rendered.payload(), rendered.event().eventId(), null, kind));
    }

    private void addMalformed(RejectionReason reason, AdEvent source) {
        // A fresh eventId: a malformed record must not share an id with a valid event.
        AdEvent template = new AdEvent(ids.next(), source.eventType(), source.eventTime(), source.campaignId(),
                source.adId(), source.clickId(), source.userId(), source.retailerId(), source.productId(),
                source.placement(), source.quantity(), source.schemaVersion(), null);
        outbox.add(new Outgoing(null, malformed.make(reason, template), "malformed-" + malformedSent++, reason,
                DeliveryKind.MALFORMED));
    }

    private Delivery take(Outgoing out) {
        long at = sequence++;
        if (out.rendered() == null) {
            return Delivery.malformed(at, phase, out.partitionKey(), out.reason(), out.payload());
        }
        AdEvent event = out.rendered().event();
        if (out.kind().isFirstCopy()) {
            duplicates.afterFirstCopy(out.rendered(), at);
        }
        if (out.kind() == DeliveryKind.FIRST_COPY || out.kind() == DeliveryKind.DELAYED) {
            newestOnTimeMillis = Math.max(newestOnTimeMillis, event.eventTime().toEpochMilli());
        }
        return Delivery.valid(at, phase, out.kind(), event, out.payload());
    }
}
