package io.adinsights.speed;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.rules.AllowedLateness;
import io.adinsights.schemas.rules.AttributionWindow;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the speed-layer job, read once from job arguments ({@code --source.kind kafka}), environment
 * variables ({@code SPEED_LAYER_SOURCE_KIND=kafka}) or Managed Flink application properties (group
 * {@value #PROPERTY_GROUP}), with the defaults named beside their keys. Immutable; validated on construction.
 */
public record SpeedLayerConfig(
        SourceKind sourceKind,
        String kafkaBootstrapServers,
        String kafkaTopic,
        String kafkaGroupId,
        String kinesisStream,
        String kinesisEndpoint,
        String kinesisRegion,
        String kinesisAccountId,
        Duration kinesisShardDiscoveryInterval,
        Duration kinesisEmptyPollDelay,
        StartPosition startPosition,
        Instant startTimestamp,
        Duration watermarkBound,
        Duration idleness,
        Duration allowedLateness,
        Duration attributionWindow,
        Duration dedupTtl,
        Duration earlyFireInterval,
        List<String> cqlContactPoints,
        String cqlDatacenter,
        String cqlKeyspace,
        String cqlConsistency,
        String deadLetterTopic,
        String deadLetterDir,
        String rawArchiveDir,
        String checkpointDir,
        Duration checkpointInterval,
        int parallelism,
        String layerName) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where events are read from. */
    public enum SourceKind { KAFKA, KINESIS }

    /**
     * Where a job without a checkpoint starts reading: the oldest record kept (Kinesis TRIM_HORIZON), the newest, or
     * the first record that arrived at or after {@link #startTimestamp()}.
     */
    public enum StartPosition {
        EARLIEST, LATEST, AT_TIMESTAMP;

        /** {@code earliest} (or Kinesis' {@code trim-horizon}), {@code latest}, {@code at-timestamp}. */
        public static StartPosition parse(String text) {
            String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.equals("TRIM_HORIZON")) {
                return EARLIEST;
            }
            try {
                return valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid " + START_POSITION + ": " + text
                        + " (earliest, trim-horizon, latest or at-timestamp)", e);
            }
        }
    }

    public static final String PROPERTY_GROUP = "SpeedLayer";
    public static final String ENV_PREFIX = "SPEED_LAYER_";

    public static final String SOURCE_KIND = "source.kind";
    public static final SourceKind SOURCE_KIND_DEFAULT = SourceKind.KAFKA;
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    public static final String KAFKA_BOOTSTRAP_SERVERS_DEFAULT = "127.0.0.1:9092";
    public static final String KAFKA_TOPIC = "kafka.topic";
    public static final String KAFKA_TOPIC_DEFAULT = "ad-events";
    public static final String KAFKA_GROUP_ID = "kafka.group-id";
    public static final String KAFKA_GROUP_ID_DEFAULT = "speed-layer";
    public static final String KINESIS_STREAM = "kinesis.stream";
    public static final String KINESIS_STREAM_DEFAULT = "ad-events";
    public static final String KINESIS_ENDPOINT = "kinesis.endpoint";
    public static final String KINESIS_REGION = "kinesis.region";
    public static final String KINESIS_REGION_DEFAULT = "eu-west-1";
    /** Needed only when {@link #KINESIS_STREAM} is a name rather than an ARN: the ARN is built from it. */
    public static final String KINESIS_ACCOUNT_ID = "kinesis.account-id";
    public static final String KINESIS_SHARD_DISCOVERY_INTERVAL = "kinesis.shard-discovery-interval";
    public static final Duration KINESIS_SHARD_DISCOVERY_INTERVAL_DEFAULT = Duration.ofSeconds(10);
    /** How long a Kinesis reader that found no records waits before it polls again (0: at once). */
    public static final String KINESIS_EMPTY_POLL_DELAY = "kinesis.empty-poll-delay";
    public static final Duration KINESIS_EMPTY_POLL_DELAY_DEFAULT = Duration.ofMillis(250);
    public static final String START_POSITION = "source.start-position";
    public static final StartPosition START_POSITION_DEFAULT = StartPosition.EARLIEST;
    /** An ISO-8601 instant, e.g. {@code 2026-03-29T10:15:00Z}; required with {@code at-timestamp}. */
    public static final String START_TIMESTAMP = "source.start-timestamp";
    public static final String WATERMARK_BOUND = "watermark.bound";
    public static final Duration WATERMARK_BOUND_DEFAULT = Duration.ofSeconds(5);
    public static final String IDLENESS = "watermark.idleness";
    public static final Duration IDLENESS_DEFAULT = Duration.ofMinutes(1);
    public static final String ALLOWED_LATENESS = "allowed-lateness";
    public static final Duration ALLOWED_LATENESS_DEFAULT = AllowedLateness.DEFAULT;
    public static final String ATTRIBUTION_WINDOW = "attribution-window";
    public static final Duration ATTRIBUTION_WINDOW_DEFAULT = AttributionWindow.LENGTH_DEFAULT;
    public static final String DEDUP_TTL = "dedup.ttl";
    public static final Duration DEDUP_TTL_DEFAULT = Duration.ofHours(24);
    public static final String EARLY_FIRE_INTERVAL = "window.early-fire-interval";
    public static final Duration EARLY_FIRE_INTERVAL_DEFAULT = Duration.ofSeconds(1);
    public static final String CQL_CONTACT_POINTS = "cql.contact-points";
    public static final String CQL_CONTACT_POINTS_DEFAULT = "127.0.0.1:9042";
    public static final String CQL_DATACENTER = "cql.datacenter";
    public static final String CQL_DATACENTER_DEFAULT = "datacenter1";
    public static final String CQL_KEYSPACE = "cql.keyspace";
    public static final String CQL_KEYSPACE_DEFAULT = CqlSchema.KEYSPACE_DEFAULT;
    public static final String CQL_CONSISTENCY = "cql.consistency";
    public static final String CQL_CONSISTENCY_DEFAULT = "LOCAL_QUORUM";
    public static final String DEAD_LETTER_TOPIC = "dead-letters.topic";
    public static final String DEAD_LETTER_DIR = "dead-letters.dir";
    /** Used when no dead-letter topic is set: dead letters are never dropped. */
    public static final String DEAD_LETTER_DIR_DEFAULT = "file:///tmp/ad-insights/speed-layer/dead-letters";
    public static final String RAW_ARCHIVE_DIR = "raw-archive.dir";
    public static final String CHECKPOINT_DIR = "checkpoint.dir";
    public static final String CHECKPOINT_DIR_DEFAULT = "file:///tmp/ad-insights/speed-layer/checkpoints";
    public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
    public static final Duration CHECKPOINT_INTERVAL_DEFAULT = Duration.ofSeconds(30);
    public static final String PARALLELISM = "parallelism";
    public static final int PARALLELISM_DEFAULT = 2;
    public static final String LAYER_NAME = "layer-name";
    public static final String LAYER_NAME_DEFAULT = "speed-layer";

    private static final List<String> KEYS = List.of(SOURCE_KIND, KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC,
            KAFKA_GROUP_ID, KINESIS_STREAM, KINESIS_ENDPOINT, KINESIS_REGION, KINESIS_ACCOUNT_ID,
            KINESIS_SHARD_DISCOVERY_INTERVAL, KINESIS_EMPTY_POLL_DELAY, START_POSITION, START_TIMESTAMP,
            WATERMARK_BOUND, IDLENESS, ALLOWED_LATENESS, ATTRIBUTION_WINDOW, DEDUP_TTL, EARLY_FIRE_INTERVAL,
            CQL_CONTACT_POINTS, CQL_DATACENTER, CQL_KEYSPACE, CQL_CONSISTENCY, DEAD_LETTER_TOPIC, DEAD_LETTER_DIR,
            RAW_ARCHIVE_DIR, CHECKPOINT_DIR, CHECKPOINT_INTERVAL, PARALLELISM, LAYER_NAME);

    public SpeedLayerConfig {
        requireNonNull(sourceKind, "sourceKind is null");
        requireNonNull(startPosition, "startPosition is null");
        requireNonNull(cqlContactPoints, "cqlContactPoints is null");
        cqlContactPoints = List.copyOf(cqlContactPoints);
        requireNonNull(cqlDatacenter, "cqlDatacenter is null");
        requireNonNull(cqlKeyspace, "cqlKeyspace is null");
        requireNonNull(cqlConsistency, "cqlConsistency is null");
        requireNonNull(checkpointDir, "checkpointDir is null");
        requireNonNull(layerName, "layerName is null");
        checkPositive(WATERMARK_BOUND, watermarkBound, true);
        checkPositive(IDLENESS, idleness, false);
        checkPositive(ALLOWED_LATENESS, allowedLateness, true);
        checkPositive(ATTRIBUTION_WINDOW, attributionWindow, false);
        checkPositive(DEDUP_TTL, dedupTtl, false);
        checkPositive(EARLY_FIRE_INTERVAL, earlyFireInterval, false);
        checkPositive(CHECKPOINT_INTERVAL, checkpointInterval, false);
        if ((startPosition == StartPosition.AT_TIMESTAMP) != (startTimestamp != null)) {
            throw new IllegalArgumentException("Invalid " + START_TIMESTAMP + ": " + startTimestamp
                    + " (required with " + START_POSITION + " at-timestamp, and only then)");
        }
        if (deadLetterTopic == null && deadLetterDir == null) {
            throw new IllegalArgumentException("Invalid dead-letter destination: set " + DEAD_LETTER_TOPIC + " or "
                    + DEAD_LETTER_DIR);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("Invalid " + PARALLELISM + ": " + parallelism + " (must be >= 1)");
        }
        if (sourceKind == SourceKind.KAFKA) {
            requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers is null");
            requireNonNull(kafkaTopic, "kafkaTopic is null");
            requireNonNull(kafkaGroupId, "kafkaGroupId is null");
        } else {
            requireNonNull(kinesisStream, "kinesisStream is null");
            requireNonNull(kinesisRegion, "kinesisRegion is null");
            checkPositive(KINESIS_SHARD_DISCOVERY_INTERVAL, kinesisShardDiscoveryInterval, false);
            checkPositive(KINESIS_EMPTY_POLL_DELAY, kinesisEmptyPollDelay, true);
            if (!isArn(kinesisStream) && (kinesisAccountId == null || !kinesisAccountId.matches("\\d{12}"))) {
                throw new IllegalArgumentException("Invalid " + KINESIS_ACCOUNT_ID + ": " + kinesisAccountId
                        + " (12 digits, needed to build the ARN of stream " + kinesisStream + "; or set "
                        + KINESIS_STREAM + " to the stream's ARN)");
            }
        }
    }

    /** The settings from {@code --key value} job arguments over environment variables over defaults. */
    public static SpeedLayerConfig fromArgs(String[] args, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>(fromEnvironment(environment));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Invalid argument: " + args[i] + " (expected --key value)");
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return fromMap(values);
    }

    /** The settings of a Managed Flink application: its property group {@value #PROPERTY_GROUP}. */
    public static SpeedLayerConfig fromApplicationProperties(Map<String, Properties> groups) {
        Properties group = groups.getOrDefault(PROPERTY_GROUP, new Properties());
        Map<String, String> values = new HashMap<>();
        group.stringPropertyNames().forEach(key -> values.put(key, group.getProperty(key)));
        return fromMap(values);
    }

    /** The environment variable that sets {@code key}: {@code cql.contact-points} → SPEED_LAYER_CQL_CONTACT_POINTS. */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        for (String key : KEYS) {
            String value = environment.get(environmentVariable(key));
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    public static SpeedLayerConfig fromMap(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown setting: " + key + " (known: " + KEYS + ")");
            }
        }
        return builder()
                .sourceKind(SourceKind.valueOf(get(values, SOURCE_KIND, SOURCE_KIND_DEFAULT.name())
                        .toUpperCase(Locale.ROOT)))
                .kafka(get(values, KAFKA_BOOTSTRAP_SERVERS, KAFKA_BOOTSTRAP_SERVERS_DEFAULT),
                        get(values, KAFKA_TOPIC, KAFKA_TOPIC_DEFAULT), get(values, KAFKA_GROUP_ID,
                                KAFKA_GROUP_ID_DEFAULT))
                .kinesis(get(values, KINESIS_STREAM, KINESIS_STREAM_DEFAULT), values.get(KINESIS_ENDPOINT),
                        get(values, KINESIS_REGION, KINESIS_REGION_DEFAULT))
                .kinesisAccountId(values.get(KINESIS_ACCOUNT_ID))
                .kinesisShardDiscoveryInterval(duration(values, KINESIS_SHARD_DISCOVERY_INTERVAL,
                        KINESIS_SHARD_DISCOVERY_INTERVAL_DEFAULT))
                .kinesisEmptyPollDelay(duration(values, KINESIS_EMPTY_POLL_DELAY, KINESIS_EMPTY_POLL_DELAY_DEFAULT))
                .startPosition(StartPosition.parse(get(values, START_POSITION, START_POSITION_DEFAULT.name())))
                .startTimestamp(instant(values, START_TIMESTAMP))
                .watermarkBound(duration(values, WATERMARK_BOUND, WATERMARK_BOUND_DEFAULT))
                .idleness(duration(values, IDLENESS, IDLENESS_DEFAULT))
                .allowedLateness(duration(values, ALLOWED_LATENESS, ALLOWED_LATENESS_DEFAULT))
                .attributionWindow(duration(values, ATTRIBUTION_WINDOW, ATTRIBUTION_WINDOW_DEFAULT))
                .dedupTtl(duration(values, DEDUP_TTL, DEDUP_TTL_DEFAULT))
                .earlyFireInterval(duration(values, EARLY_FIRE_INTERVAL, EARLY_FIRE_INTERVAL_DEFAULT))
                .cql(List.of(get(values, CQL_CONTACT_POINTS, CQL_CONTACT_POINTS_DEFAULT).split(",")),
                        get(values, CQL_DATACENTER, CQL_DATACENTER_DEFAULT),
                        get(values, CQL_KEYSPACE, CQL_KEYSPACE_DEFAULT),
                        get(values, CQL_CONSISTENCY, CQL_CONSISTENCY_DEFAULT))
                .deadLetterTopic(values.get(DEAD_LETTER_TOPIC))
                .deadLetterDir(values.containsKey(DEAD_LETTER_TOPIC) ? values.get(DEAD_LETTER_DIR)
                        : get(values, DEAD_LETTER_DIR, DEAD_LETTER_DIR_DEFAULT))
                .rawArchiveDir(values.get(RAW_ARCHIVE_DIR))
                .checkpoint(get(values, CHECKPOINT_DIR, CHECKPOINT_DIR_DEFAULT),
                        duration(values, CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL_DEFAULT))
                .parallelism(Integer.parseInt(get(values, PARALLELISM, String.valueOf(PARALLELISM_DEFAULT))))
                .layerName(get(values, LAYER_NAME, LAYER_NAME_DEFAULT))
                .build();
    }

    /**
     * The ARN of the Kinesis stream: {@link #kinesisStream()} itself when it is one, else built from the region and
     * {@link #kinesisAccountId()} ({@code arn:aws:kinesis:eu-west-1:123456789012:stream/ad-events}).
     */
    public String kinesisStreamArn() {
        if (isArn(kinesisStream)) {
            return kinesisStream;
        }
        String partition = kinesisRegion.startsWith("cn-") ? "aws-cn"
                : kinesisRegion.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        return "arn:" + partition + ":kinesis:" + kinesisRegion + ":" + kinesisAccountId + ":stream/" + kinesisStream;
    }

    private static boolean isArn(String stream) {
        return stream.startsWith("arn:");
    }

    public AttributionWindow attribution() {
        return new AttributionWindow(attributionWindow);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().sourceKind(sourceKind).kafka(kafkaBootstrapServers, kafkaTopic, kafkaGroupId)
                .kinesis(kinesisStream, kinesisEndpoint, kinesisRegion).kinesisAccountId(kinesisAccountId)
                .kinesisShardDiscoveryInterval(kinesisShardDiscoveryInterval)
                .kinesisEmptyPollDelay(kinesisEmptyPollDelay)
                .startPosition(startPosition).startTimestamp(startTimestamp)
                .watermarkBound(watermarkBound).idleness(idleness).allowedLateness(allowedLateness)
                .attributionWindow(attributionWindow).dedupTtl(dedupTtl).earlyFireInterval(earlyFireInterval)
                .cql(cqlContactPoints, cqlDatacenter, cqlKeyspace, cqlConsistency)
                .deadLetterTopic(deadLetterTopic).deadLetterDir(deadLetterDir).rawArchiveDir(rawArchiveDir)
                .checkpoint(checkpointDir, checkpointInterval).parallelism(parallelism).layerName(layerName);
    }

    private static String get(Map<String, String> values, String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** ISO-8601 ({@code PT5S}) or a number with a unit: {@code 500ms}, {@code 5s}, {@code 10min}, {@code 24h}. */
    static Duration duration(Map<String, String> values, String key, Duration defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (trimmed.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            if (trimmed.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
            }
            if (trimmed.endsWith("min")) {
                return Duration.ofMinutes(Long.parseLong(trimmed.substring(0, trimmed.length() - 3)));
            }
            if (trimmed.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
            }
            if (trimmed.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid " + key + ": " + text + " (a duration like 5s or PT5S)", e);
        }
        throw new IllegalArgumentException("Invalid " + key + ": " + text + " (a duration like 5s or PT5S)");
    }

    private static Instant instant(Map<String, String> values, String key) {
        String text = values.get(key);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid " + key + ": " + text + " (an instant like "
                    + "2026-03-29T10:15:00Z)", e);
        }
    }

    private static void checkPositive(String key, Duration value, boolean zeroAllowed) {
        requireNonNull(value, key + " is null");
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException("Invalid " + key + ": " + value
                    + (zeroAllowed ? " (must be >= 0)" : " (must be > 0)"));
        }
    }

    /** Builds a config; every component starts at its default. */
    public static final class Builder {
        private SourceKind sourceKind = SOURCE_KIND_DEFAULT;
        private String kafkaBootstrapServers = KAFKA_BOOTSTRAP_SERVERS_DEFAULT;
        private String kafkaTopic = KAFKA_TOPIC_DEFAULT;
        private String kafkaGroupId = KAFKA_GROUP_ID_DEFAULT;
        private String kinesisStream = KINESIS_STREAM_DEFAULT;
        private String kinesisEndpoint;
        private String kinesisRegion = KINESIS_REGION_DEFAULT;
        private String kinesisAccountId;
        private Duration kinesisShardDiscoveryInterval = KINESIS_SHARD_DISCOVERY_INTERVAL_DEFAULT;
        private Duration kinesisEmptyPollDelay = KINESIS_EMPTY_POLL_DELAY_DEFAULT;
        private StartPosition startPosition = START_POSITION_DEFAULT;
        private Instant startTimestamp;
        private Duration watermarkBound = WATERMARK_BOUND_DEFAULT;
        private Duration idleness = IDLENESS_DEFAULT;
        private Duration allowedLateness = ALLOWED_LATENESS_DEFAULT;
        private Duration attributionWindow = ATTRIBUTION_WINDOW_DEFAULT;
        private Duration dedupTtl = DEDUP_TTL_DEFAULT;
        private Duration earlyFireInterval = EARLY_FIRE_INTERVAL_DEFAULT;
        private List<String> cqlContactPoints = List.of(CQL_CONTACT_POINTS_DEFAULT);
        private String cqlDatacenter = CQL_DATACENTER_DEFAULT;
        private String cqlKeyspace = CQL_KEYSPACE_DEFAULT;
        private String cqlConsistency = CQL_CONSISTENCY_DEFAULT;
        private String deadLetterTopic;
        private String deadLetterDir = DEAD_LETTER_DIR_DEFAULT;
        private String rawArchiveDir;
        private String checkpointDir = CHECKPOINT_DIR_DEFAULT;
        private Duration checkpointInterval = CHECKPOINT_INTERVAL_DEFAULT;
        private int parallelism = PARALLELISM_DEFAULT;
        private String layerName = LAYER_NAME_DEFAULT;

        private Builder() {
        }

        public Builder sourceKind(SourceKind value) {
            this.sourceKind = value;
            return this;
        }

        public Builder kafka(String bootstrapServers, String topic, String groupId) {
            this.kafkaBootstrapServers = bootstrapServers;
            this.kafkaTopic = topic;
            this.kafkaGroupId = groupId;
            return this;
        }

        public Builder kinesis(String stream, String endpoint, String region) {
            this.kinesisStream = stream;
            this.kinesisEndpoint = endpoint;
            this.kinesisRegion = region;
            return this;
        }

        public Builder kinesisAccountId(String value) {
            this.kinesisAccountId = value;
            return this;
        }

        public Builder kinesisShardDiscoveryInterval(Duration value) {
            this.kinesisShardDiscoveryInterval = value;
            return this;
        }

        public Builder kinesisEmptyPollDelay(Duration value) {
            this.kinesisEmptyPollDelay = value;
            return this;
        }

        public Builder startPosition(StartPosition value) {
            this.startPosition = value;
            return this;
        }

        public Builder startTimestamp(Instant value) {
            this.startTimestamp = value;
            return this;
        }

        public Builder watermarkBound(Duration value) {
            this.watermarkBound = value;
            return this;
        }

        public Builder idleness(Duration value) {
            this.idleness = value;
            return this;
        }

        public Builder allowedLateness(Duration value) {
            this.allowedLateness = value;
            return this;
        }

        public Builder attributionWindow(Duration value) {
            this.attributionWindow = value;
            return this;
        }

        public Builder dedupTtl(Duration value) {
            this.dedupTtl = value;
            return this;
        }

        public Builder earlyFireInterval(Duration value) {
            this.earlyFireInterval = value;
            return this;
        }

        public Builder cql(List<String> contactPoints, String datacenter, String keyspace, String consistency) {
            this.cqlContactPoints = contactPoints;
            this.cqlDatacenter = datacenter;
            this.cqlKeyspace = keyspace;
            this.cqlConsistency = consistency;
            return this;
        }

        public Builder deadLetterTopic(String value) {
            this.deadLetterTopic = value;
            return this;
        }

        public Builder deadLetterDir(String value) {
            this.deadLetterDir = value;
            return this;
        }

        public Builder rawArchiveDir(String value) {
            this.rawArchiveDir = value;
            return this;
        }

        public Builder checkpoint(String dir, Duration interval) {
            this.checkpointDir = dir;
            this.checkpointInterval = interval;
            return this;
        }

        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        public Builder layerName(String value) {
            this.layerName = value;
            return this;
        }

        public SpeedLayerConfig build() {
            return new SpeedLayerConfig(sourceKind, kafkaBootstrapServers, kafkaTopic, kafkaGroupId, kinesisStream,
                    kinesisEndpoint, kinesisRegion, kinesisAccountId, kinesisShardDiscoveryInterval,
                    kinesisEmptyPollDelay, startPosition, startTimestamp, watermarkBound, idleness, allowedLateness,
                    attributionWindow, dedupTtl, earlyFireInterval, cqlContactPoints, cqlDatacenter, cqlKeyspace,
                    cqlConsistency, deadLetterTopic, deadLetterDir, rawArchiveDir, checkpointDir, checkpointInterval,
                    parallelism, layerName);
        }
    }
}
