package io.adinsights.stack;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.servers.process.OrderlyShutdown;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/local-stack [run|once|batch|freshness] [--option value ...]}: the whole platform on one machine.
 * <ul>
 *   <li>{@code run} (default): start everything, send live traffic, run the batch schedule, print progress until
 *       Ctrl-C, then stop every process.</li>
 *   <li>{@code once}: the one-shot proof in a fresh directory: a messy scenario through the stack with a restart of
 *       the speed layer, drain, one batch run, every API answer compared with the oracle; exit 0 when all equal.</li>
 *   <li>{@code batch}: run the batch schedule now over the state directory of a running (or stopped) stack.</li>
 *   <li>{@code freshness}: against a running stack, how long an event takes from the ingestion endpoint to the
 *       API's answer ({@link FreshnessProbe}).</li>
 * </ul>
 */
public final class LocalStackMain {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final int FRESHNESS_PROBES = 100;
    private static final String ONE_SHOT_MARKER = ".one-shot";
    private static final String USAGE = """
            usage: bin/local-stack [run|once|batch|freshness|help] [--option value ...]
              run     start the platform with live traffic, the batch schedule and the dashboard (Ctrl-C stops all)
              once    one-shot proof: messy scenario, speed-layer restart, batch, API vs oracle; exit 0 if equal
              batch   run the batch schedule now over the state directory
              freshness  against a running stack: 100 impressions through ingestion, each awaited in the API
            options (or LOCAL_STACK_<OPTION> variables):
              --dir .local-stack (once: .local-stack-once)   --stream kafka|kinesis   --rate 200 (events/s, run)
              --events 30000 (once)   --seed 7   --batch-every PT1H   --checkpoint-interval PT10S
              --history-days 60   --history-rate 0.1 (run: days and events/s of history a fresh stack starts with)
              --api-port 8080   --ingestion-port 8081   --cql-port 9042   --kafka-port 9092   --kinesis-port 4567
              (port 0 = any free port)
            """;

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "run";
        StackSettings settings;
        try {
            Map<String, String> options = options(args, command.equals(args.length > 0 ? args[0] : "") ? 1 : 0);
            if (command.equals("once") && !options.containsKey("dir")
                    && !System.getenv().containsKey(StackSettings.environmentVariable("dir"))) {
                options.put("dir", ".local-stack-once");
            }
            settings = StackSettings.from(options, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        int status = switch (command) {
            case "run" -> run(settings, out);
            case "once" -> once(settings, out);
            case "batch" -> new BatchSchedule(new LocalStack(settings, out), out).runNow();
            case "freshness" -> freshness(settings, out);
            case "help" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("Unknown command '" + command + "'");
                System.err.print(USAGE);
                yield 2;
            }
        };
        System.exit(status);
    }

    private static Map<String, String> options(String[] args, int first) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = first; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --option value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static int run(StackSettings settings, PrintStream out) throws InterruptedException {
        out.println("Ad Insights local stack: state in " + settings.dir());
        long start = System.nanoTime();
        LocalStack stack = new LocalStack(settings, out);
        BatchSchedule schedule = new BatchSchedule(stack, out);
        Simulator simulator = new Simulator(stack, out);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch progressEnded = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        // In order: traffic, then the parts, newest first, then the servers (see OrderlyShutdown).
        OrderlyShutdown.register(() -> {
            out.println("Stopping ...");
            try {
                // The progress loop ends first: it must not report parts stopping on purpose as failed.
                main.interrupt();
                progressEnded.await(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                simulator.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            schedule.close();
            stack.close();
            out.println("Stopped; state kept in " + settings.dir());
            stopped.countDown();
        });
        boolean fresh = !Files.isDirectory(stack.rawZone());
        stack.start();
        if (fresh && settings.historyDays() > 0) {
            seedHistory(stack, out);
        }
        schedule.start();
        simulator.start();
        out.printf("%nUp in %.1f s. Dashboard: %s/dashboard   API: %s/ad/{campaignId}/summary"
                + "   Ingestion: POST %s/events%nCtrl-C stops everything.%n%n", (System.nanoTime() - start) / 1e9,
                stack.apiUri(), stack.apiUri(), stack.ingestionUri());
        try (SpeedProgress progress = new SpeedProgress(stack.cql().contactPoint(), stack.cql().localDatacenter(),
                settings.subdirectory("checkpoints"))) {
            reportProgress(stack, simulator, progress, out);
        } catch (InterruptedException e) {
            // Ctrl-C: the shutdown hook stops everything.
        } finally {
            progressEnded.countDown();
        }
        stopped.await();
        return 0;
    }

    /** Every {@link #PROGRESS_INTERVAL}: events sent, their rate, the speed layer's watermark, memory, failures. */
    private static void reportProgress(LocalStack stack, Simulator simulator, SpeedProgress progress,
            PrintStream out) throws InterruptedException {
        long lastSent = 0;
        long lastTime = System.nanoTime();
        while (true) {
            Thread.sleep(PROGRESS_INTERVAL.toMillis());
            long sent = simulator.sent();
            long now = System.nanoTime();
            Instant watermark = progress.watermark();
            out.printf("%s sent %d (%.0f/s) | speed layer complete up to %s | %s%n", Instant.now(), sent,
                    (sent - lastSent) / ((now - lastTime) / 1e9),
                    watermark.equals(Instant.MIN) ? "(no watermark yet)" : watermark, memory(stack));
            stack.failedParts().forEach(failure -> out.println("FAILED: " + failure));
            lastSent = sent;
            lastTime = now;
        }
    }

    /** Freshness against the running stack on the configured ports, as the dashboard would see it. */
    private static int freshness(StackSettings settings, PrintStream out) throws IOException, InterruptedException {
        out.println("Probing freshness: " + FRESHNESS_PROBES + " impressions through ingestion on port "
                + settings.ingestionPort() + ", each awaited in insights-api on port " + settings.apiPort());
        long[] millis = new FreshnessProbe(URI.create("http://127.0.0.1:" + settings.ingestionPort()),
                URI.create("http://127.0.0.1:" + settings.apiPort()), out).measure(FRESHNESS_PROBES);
        out.println(FreshnessProbe.summary(millis));
        return 0;
    }

    /**
     * History up to now for a fresh stack: the raw zone up to where the first batch run puts its watermark (the
     * current hour less the completeness delay), the stream from there on.
     */
    private static void seedHistory(LocalStack stack, PrintStream out) throws InterruptedException {
        Instant now = Instant.now();
        Instant batchWatermark = Granularity.HOUR.bucketStart(now).minus(BatchSchedule.COMPLETENESS_DELAY);
        try (TrafficSender sender = new TrafficSender(stack)) {
            new HistorySeed(stack.settings().historyDays(), stack.settings().historyEventsPerSecond(),
                    stack.settings().seed() + 1, out)
                    .seed(stack.rawZone(), now, batchWatermark, sender::send);
            sender.flush();
        }
    }

    private static String memory(LocalStack stack) {
        StringBuilder line = new StringBuilder("RSS");
        for (Map.Entry<String, OptionalLong> part : stack.memory().entrySet()) {
            line.append(' ').append(part.getKey()).append(' ')
                    .append(part.getValue().isPresent() ? part.getValue().getAsLong() / 1024 + "M" : "?");
        }
        return line.toString();
    }

    private static int once(StackSettings settings, PrintStream out) throws IOException, InterruptedException {
        prepareFreshDirectory(settings.dir());
        out.println("Ad Insights one-shot run: " + settings.events() + " messy events, state in " + settings.dir());
        long start = System.nanoTime();
        try (LocalStack stack = OneShotRun.stack(settings, out)) {
            stack.start();
            out.printf("Stack up in %.1f s; %s%n", (System.nanoTime() - start) / 1e9, memory(stack));
            OneShotRun.Result result = new OneShotRun(stack, out).run();
            out.println(memory(stack));
            result.api().differences().forEach(difference -> out.println("  DIFFERENT " + difference));
            out.println(result.passed() ? "PASSED: every figure equals the oracle" : "FAILED: " + result);
            return result.passed() ? 0 : 1;
        }
    }

    /** The one-shot run starts from nothing: its directory is emptied, if it is one of ours or empty. */
    private static void prepareFreshDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            boolean ours = Files.exists(dir.resolve(ONE_SHOT_MARKER));
            try (Stream<Path> entries = Files.list(dir)) {
                if (!ours && entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty and not a one-shot directory: "
                            + "choose another --dir");
                }
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
        Files.createFile(dir.resolve(ONE_SHOT_MARKER));
    }
}
