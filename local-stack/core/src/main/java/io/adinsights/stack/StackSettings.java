package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the local stack, from {@code --key value} arguments over {@code LOCAL_STACK_*} environment
 * variables over defaults ({@code --api-port 8080} = {@code LOCAL_STACK_API_PORT=8080}). Port 0 means a free port.
 *
 * @param dir where every part keeps its state and log: servers' data, checkpoints, raw zone, lake, reports
 * @param stream the stream between ingestion and the speed layer
 * @param eventsPerSecond the simulator's rate (live mode)
 * @param events how many events the one-shot scenario has
 * @param seed the generator's seed
 * @param batchEvery how often the batch schedule runs (live mode)
 * @param historyDays days of history a fresh stack is seeded with (live mode; 0 for none)
 * @param historyEventsPerSecond the rate of that history, in events per second of event time
 */
public record StackSettings(Path dir, StreamKind stream, int cqlPort, int kafkaPort, int kinesisPort,
        int ingestionPort, int apiPort, double eventsPerSecond, long events, long seed, Duration batchEvery,
        Duration checkpointInterval, boolean restartSpeedLayer, int historyDays,
        double historyEventsPerSecond) {

    public static final String ENV_PREFIX = "LOCAL_STACK_";

    /** Events per second of event time in the one-shot scenario: a few hours of history from a small scenario. */
    public static final double ONE_SHOT_EVENT_TIME_RATE = 2.0;

    /** A year: more would only make a fresh stack slow to start. */
    static final int MAX_HISTORY_DAYS = 366;

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("dir", ".local-stack"),
            Map.entry("stream", "kafka"),
            Map.entry("cql-port", "9042"),
            Map.entry("kafka-port", "9092"),
            Map.entry("kinesis-port", "4567"),
            Map.entry("ingestion-port", "8081"),
            Map.entry("api-port", "8080"),
            Map.entry("rate", "200"),
            Map.entry("events", "30000"),
            Map.entry("seed", "7"),
            Map.entry("batch-every", "PT1H"),
            Map.entry("checkpoint-interval", "PT10S"),
            Map.entry("restart-speed-layer", "true"),
            Map.entry("history-days", "60"),
            Map.entry("history-rate", "0.1"));

    /** The stream between ingestion and the speed layer. */
    public enum StreamKind {
        KAFKA, KINESIS;

        static StreamKind parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--stream must be kafka or kinesis, not '" + value + "'", e);
            }
        }
    }

    public StackSettings {
        requireNonNull(dir, "dir is null");
        requireNonNull(stream, "stream is null");
        requireNonNull(batchEvery, "batchEvery is null");
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        for (int port : new int[] {cqlPort, kafkaPort, kinesisPort, ingestionPort, apiPort}) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Invalid port " + port + " (0 for a free one, else 1-65535)");
            }
        }
        if (!(eventsPerSecond > 0) || events < 1) {
            throw new IllegalArgumentException("--rate and --events must be positive");
        }
        if (historyDays < 0 || historyDays > MAX_HISTORY_DAYS) {
            throw new IllegalArgumentException("--history-days must be between 0 and " + MAX_HISTORY_DAYS
                    + ", not " + historyDays);
        }
        if (!(historyEventsPerSecond > 0)) {
            throw new IllegalArgumentException("--history-rate must be positive");
        }
    }

    /** The settings named in {@link #DEFAULTS}; anything else is an error that lists what is known. */
    public static StackSettings from(Map<String, String> arguments, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        DEFAULTS.keySet().forEach(key -> {
            String fromEnvironment = environment.get(environmentVariable(key));
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                values.put(key, fromEnvironment);
            }
        });
        arguments.forEach((key, value) -> {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("Unknown option --" + key + "; known: --"
                        + String.join(", --", Set.copyOf(DEFAULTS.keySet())));
            }
            values.put(key, value);
        });
        try {
            return new StackSettings(Path.of(values.get("dir")).toAbsolutePath().normalize(),
                    StreamKind.parse(values.get("stream")),
                    Integer.parseInt(values.get("cql-port")), Integer.parseInt(values.get("kafka-port")),
                    Integer.parseInt(values.get("kinesis-port")), Integer.parseInt(values.get("ingestion-port")),
                    Integer.parseInt(values.get("api-port")), Double.parseDouble(values.get("rate")),
                    Long.parseLong(values.get("events")), Long.parseLong(values.get("seed")),
                    Duration.parse(values.get("batch-every")), Duration.parse(values.get("checkpoint-interval")),
                    Boolean.parseBoolean(values.get("restart-speed-layer")),
                    Integer.parseInt(values.get("history-days")), Double.parseDouble(values.get("history-rate")));
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid setting: " + e.getMessage(), e);
        }
    }

    /** {@code api-port} → {@code LOCAL_STACK_API_PORT}. */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public StackSettings withDir(Path newDir) {
        return new StackSettings(newDir, stream, cqlPort, kafkaPort, kinesisPort, ingestionPort, apiPort,
                eventsPerSecond, events, seed, batchEvery, checkpointInterval, restartSpeedLayer, historyDays,
                historyEventsPerSecond);
    }

    /** The same settings with every port free-chosen: for tests next to a running stack. */
    public StackSettings withFreePorts() {
        return new StackSettings(dir, stream, 0, 0, 0, 0, 0, eventsPerSecond, events, seed, batchEvery,
                checkpointInterval, restartSpeedLayer, historyDays, historyEventsPerSecond);
    }

    public StackSettings withEvents(long newEvents) {
        return new StackSettings(dir, stream, cqlPort, kafkaPort, kinesisPort, ingestionPort, apiPort,
                eventsPerSecond, newEvents, seed, batchEvery, checkpointInterval, restartSpeedLayer, historyDays,
                historyEventsPerSecond);
    }

    Path subdirectory(String name) {
        return dir.resolve(name);
    }
}
