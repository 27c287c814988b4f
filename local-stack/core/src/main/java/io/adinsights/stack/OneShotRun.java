package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.parse.RecordReader;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.schemas.rules.RawZoneLayout;
import io.adinsights.traffic.generator.Delivery;
import io.adinsights.traffic.generator.DeliveryKind;
import io.adinsights.traffic.generator.Phase;
import io.adinsights.traffic.generator.Scenario;
import io.adinsights.traffic.generator.TrafficConfig;
import io.adinsights.traffic.oracle.CampaignBucket;
import io.adinsights.traffic.oracle.OracleSettings;
import io.adinsights.traffic.oracle.Truth;
import io.adinsights.traffic.oracle.TruthOracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The one-shot mode, and the platform's end-to-end proof: a messy scenario from the generator goes through the
 * running stack (ingestion endpoint and producer library), phase by phase, with the speed layer killed and resumed
 * from its checkpoint in the middle; once it drained, the batch schedule runs once; then insights-api is asked for
 * every campaign before, across and after the real-time boundary, and each figure is compared with the oracle, as
 * are the dead letters and the raw archive.
 */
public final class OneShotRun {

    /** Event times end this long before now, so that the final watermark step is not in the future. */
    private static final Duration CLEARANCE = Duration.ofMinutes(40);
    private static final Duration WATERMARK_TIMEOUT = Duration.ofMinutes(5);
    private static final String SENTINEL_CAMPAIGN = "cmp-watermark-sentinel";
    /**
     * Longer than any quiet gap between phases: a partition that went idle would rejoin behind the others' watermark,
     * and its first records would be late in an order the oracle cannot foresee. The sentinels reach every partition,
     * so nothing needs idleness to advance.
     */
    public static final Duration SPLIT_IDLENESS = Duration.ofMinutes(10);

    private final LocalStack stack;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    /** What the run found; {@link #passed()} when every comparison was equal. */
    public record Result(long deliveries, Duration sendTime, long viaHttp, long viaProducer, Instant boundary,
            ApiComparison.Outcome api, boolean deadLettersEqual, int deadLetters, boolean archiveEqual,
            long archived, int batchStatus, long rejectedByIngestion, long tooLargeForStream, long lateEvents,
            long duplicates) {

        /** Ingestion rejects exactly the records too large for the stream; the speed layer all other bad ones. */
        public boolean passed() {
            return api.equal() && deadLettersEqual && archiveEqual && batchStatus == 0
                    && rejectedByIngestion == tooLargeForStream;
        }
    }

    /** The stack a one-shot run needs: its speed layer waits for every partition however long a quiet gap lasts. */
    public static LocalStack stack(StackSettings settings, PrintStream out) {
        return new LocalStack(settings, out, SPLIT_IDLENESS);
    }

    public OneShotRun(LocalStack stack, PrintStream out) {
        this.stack = requireNonNull(stack, "stack is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** Scenario settings: event times over a few hours, ending {@link #CLEARANCE} before now. */
    static TrafficConfig scenario(StackSettings settings) {
        double rate = StackSettings.ONE_SHOT_EVENT_TIME_RATE;
        Duration span = Duration.ofMillis((long) (settings.events() / rate * 1000));
        Instant start = Instant.now().minus(span).minus(CLEARANCE).truncatedTo(ChronoUnit.SECONDS);
        return TrafficConfig.messy().toBuilder().events(settings.events()).eventsPerSecond(rate)
                .seed(settings.seed()).start(start).build();
    }

    public Result run() throws IOException, InterruptedException {
        StackSettings settings = stack.settings();
        TrafficConfig traffic = scenario(settings);
        Scenario scenario = Scenario.of(traffic);
        List<Delivery> sentinels = new ArrayList<>();
        long sent;
        Duration sendTime;
        long viaHttp;
        long viaProducer;
        long rejectedByIngestion;
        long tooLargeForStream;
        try (SpeedProgress progress = new SpeedProgress(stack.cql().contactPoint(), stack.cql().localDatacenter(),
                settings.subdirectory("checkpoints"));
                TrafficSender sender = new TrafficSender(stack)) {
            long sendStart = System.nanoTime();
            Phase last = sendPhases(scenario, sender, progress, settings.restartSpeedLayer());
            sent = sentRecords;
            sentinels.addAll(sendSentinels(traffic, last, sender, progress, sent));
            sendTime = Duration.ofNanos(System.nanoTime() - sendStart);
            viaHttp = sender.viaHttp();
            viaProducer = sender.viaProducer();
            rejectedByIngestion = sender.rejectedByIngestion();
            tooLargeForStream = sender.tooLargeForStream();
            // The raw archive's files are committed on checkpoints.
            progress.awaitNextCheckpoint(WATERMARK_TIMEOUT);
            log("drained: " + (sent + sentinels.size()) + " records in " + sendTime.toSeconds() + " s ("
                    + viaHttp + " through ingestion, " + viaProducer + " through the producer library)");
        }
        Truth truth = TruthOracle.compute(() -> Stream.concat(scenario.stream(), sentinels.stream()).iterator(),
                OracleSettings.of(traffic));

        Instant firstHour = Granularity.HOUR.bucketStart(traffic.start()).minus(Duration.ofHours(1));
        BatchRun batch = runBatch(firstHour, traffic.start(), Instant.now());
        Instant boundary = batch.boundary();

        InsightsApiClient api = new InsightsApiClient(stack.apiUri());
        awaitBoundary(api, boundary);
        List<String> campaigns = campaigns(truth);
        ApiComparison.Outcome outcome = new ApiComparison(api, truth, boundary).compare(campaigns, firstHour,
                Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
        log("API compared: " + outcome.requests() + " requests, " + outcome.figures() + " figures, "
                + (outcome.equal() ? "all equal to the oracle" : outcome.differences().size() + "+ differences"));

        Map<String, Integer> expectedLetters = DeadLetters.expected(truth.deadLetters());
        Map<String, Integer> letters = stack.kafka() == null ? Map.of() : DeadLetters.read(
                stack.kafka().bootstrapServers(), truth.deadLetters().size(), Duration.ofSeconds(60));
        boolean lettersEqual = letters.equals(expectedLetters);
        log("dead letters: " + letters.values().stream().mapToInt(Integer::intValue).sum() + " read, "
                + truth.deadLetters().size() + " expected, " + (lettersEqual ? "equal" : "DIFFERENT"));

        // What reached the stream: all but the records ingestion rejected; blank ones leave no record in a line file.
        long expectedArchive = Stream.concat(scenario.stream(), sentinels.stream())
                .filter(delivery -> !new String(delivery.payload(), StandardCharsets.UTF_8).isBlank()).count()
                - rejectedByIngestion;
        long archived = archivedRecords(stack.rawZone());
        log("raw archive: " + archived + " records, " + expectedArchive + " expected");

        return new Result(sent + sentinels.size(), sendTime, viaHttp, viaProducer, boundary, outcome,
                lettersEqual, truth.deadLetters().size(), archived == expectedArchive, archived, batch.status(),
                rejectedByIngestion, tooLargeForStream, truth.lateEvents(), truth.duplicates());
    }

    private long sentRecords;

    /** The batch run's exit status and the boundary the API must use after it. */
    private record BatchRun(int status, Instant boundary) {
    }

    /**
     * Phase by phase: each phase sent, then the speed layer's watermark awaited past the phase's late threshold, so
     * that lateness is what the oracle says. In the middle phase, halfway, the speed layer is killed and restarted;
     * it resumes from a checkpoint taken after the previous phase was judged, so a replay judges lateness alike.
     */
    private Phase sendPhases(Scenario scenario, TrafficSender sender, SpeedProgress progress, boolean restart)
            throws InterruptedException {
        Phase last = null;
        for (Iterator<Phase> phases = scenario.phases(); phases.hasNext();) {
            Phase phase = phases.next();
            boolean restartHere = restart && phase.index() == 1;
            long inPhase = 0;
            for (Iterator<Delivery> deliveries = phase.deliveries(); deliveries.hasNext();) {
                sender.send(deliveries.next());
                sentRecords++;
                inPhase++;
                if (sentRecords % orderedChunk(scenario.config()) == 0) {
                    sender.flush();
                }
                if (restartHere && inPhase == scenario.config().events() / scenario.config().phases() / 2) {
                    sender.flush();
                    log("phase " + phase.index() + ": killing the speed layer mid-stream after " + inPhase
                            + " records");
                    stack.stopSpeedLayer(true);
                    stack.startSpeedLayer();
                    log("speed layer restarted from its checkpoint");
                }
            }
            sender.flush();
            log("phase " + phase.index() + " sent (" + sentRecords + " records so far)");
            progress.awaitWatermark(phase.lateThreshold(), WATERMARK_TIMEOUT);
            if (restart && phase.index() == 0) {
                progress.awaitNextCheckpoint(WATERMARK_TIMEOUT);
            }
            log("phase " + phase.index() + ": speed layer watermark passed " + phase.lateThreshold());
            last = phase;
        }
        return last;
    }

    /**
     * How many records may be in flight at once. The two routes (HTTP batches and the producer library) reach the
     * stream at different speeds, and this scenario packs hours of event time into a minute: unbounded, one route
     * could run more than the allowed lateness ahead of the other, and the speed layer would rightly judge the slower
     * route's events late. A quarter of the allowed lateness of event time keeps every record well within it.
     */
    private static long orderedChunk(TrafficConfig traffic) {
        long quarterOfLateness = (long) (traffic.allowedLateness().toSeconds() * traffic.eventsPerSecond() / 4);
        return Math.max(1, Math.min(IngestionClient.MAX_BATCH_RECORDS, quarterOfLateness));
    }

    /**
     * One impression per stream partition, far enough ahead that the watermark passes {@code H + L}: every pending
     * basket is decided, every window final. Every partition gets one, so no partition has to go idle for the
     * watermark to advance.
     */
    private List<Delivery> sendSentinels(TrafficConfig traffic, Phase lastPhase, TrafficSender sender,
            SpeedProgress progress, long sequence) throws InterruptedException {
        Instant last = lastPhase.maxOnTimeEventTime();
        Instant time = last.plus(traffic.allowedLateness()).plus(traffic.watermarkBound()).plus(Duration.ofMinutes(1));
        List<Delivery> sentinels = new ArrayList<>();
        for (String eventId : StreamPartitions.oneKeyPerPartition(stack, "watermark-sentinel-")) {
            AdEvent event = AdEvent.impression(eventId, time, SENTINEL_CAMPAIGN, "ad-sentinel");
            Delivery delivery = Delivery.valid(sequence + sentinels.size(), lastPhase.index(),
                    DeliveryKind.FIRST_COPY, event, EventJson.toJson(event));
            sender.send(delivery);
            sentinels.add(delivery);
        }
        sender.flush();
        progress.awaitWatermark(last.plus(traffic.allowedLateness()).plusMillis(1), WATERMARK_TIMEOUT);
        log("final watermark reached: every window of the scenario is final");
        return sentinels;
    }

    /**
     * Runs the batch schedule once over every raw hour so far, with a completeness delay that puts the batch
     * watermark in the middle of the scenario's event times, so that both layers answer part of every range.
     */
    private BatchRun runBatch(Instant firstRawHour, Instant scenarioStart, Instant now) {
        Instant to = Granularity.HOUR.bucketStart(now).plus(Duration.ofHours(1));
        Instant middle = scenarioStart.plus(Duration.between(scenarioStart, now.minus(CLEARANCE)).dividedBy(2));
        Instant watermark = Granularity.HOUR.bucketStart(middle);
        Duration completenessDelay = Duration.between(watermark, to);
        Instant from = BatchSchedule.earliestRawHour(stack.rawZone()).orElse(firstRawHour);
        log("batch run over raw hours [" + from + ", " + to + ") with completeness delay " + completenessDelay);
        int status = stack.runBatch(from, to, completenessDelay);
        log("batch run finished with status " + status);
        return new BatchRun(status, watermark);
    }

    private void awaitBoundary(InsightsApiClient api, Instant boundary) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Instant reported = api.boundary(SENTINEL_CAMPAIGN);
        while (!reported.equals(boundary) && System.nanoTime() - deadline < 0) {
            Thread.sleep(500);
            reported = api.boundary(SENTINEL_CAMPAIGN);
        }
        log("API boundary " + reported + (reported.equals(boundary) ? "" : ", expected " + boundary));
    }

    private static List<String> campaigns(Truth truth) {
        TreeSet<String> campaigns = new TreeSet<>();
        Stream.concat(truth.batch().campaignRows(Granularity.HOUR).keySet().stream(),
                truth.speed().campaignRows(Granularity.HOUR).keySet().stream())
                .map(CampaignBucket::campaignId).forEach(campaigns::add);
        return List.copyOf(campaigns);
    }

    /** Records in the committed archive files (in-progress files start with a dot). */
    static long archivedRecords(Path rawZone) throws IOException {
        if (!Files.isDirectory(rawZone)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(rawZone)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> RawZoneLayout.hourOfFile(rawZone.relativize(file).toString()).isPresent()
                            && RawZoneLayout.isCommitted(file.getFileName().toString()))
                    .toList();
        }
        long records = 0;
        for (Path file : files) {
            try (InputStream input = Files.newInputStream(file); RecordReader reader = RecordReader.open(input)) {
                for (RawRecord record = reader.next(); record != null; record = reader.next()) {
                    records++;
                }
            }
        }
        return records;
    }

    private void log(String what) {
        out.printf("[%6.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, what);
    }
}
