package io.adinsights.speed;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import io.adinsights.schemas.event.EventType;
import io.adinsights.speed.archive.RawArchive;
import io.adinsights.speed.attribution.AttributeBaskets;
import io.adinsights.speed.attribution.Contribution;
import io.adinsights.speed.deadletter.DeadLetterSinks;
import io.adinsights.speed.dedup.DeduplicateByEventId;
import io.adinsights.speed.dedup.LateEventFilter;
import io.adinsights.speed.parse.IngestedRecord;
import io.adinsights.speed.parse.ParsedEvent;
import io.adinsights.speed.parse.SplitDeadLetters;
import io.adinsights.speed.sink.CqlConnection;
import io.adinsights.speed.sink.ScyllaMetricsSink;
import io.adinsights.speed.source.EventTimeWatermarks;
import io.adinsights.speed.source.KafkaRecordIngester;
import io.adinsights.speed.source.KinesisRecordIngester;
import io.adinsights.speed.source.PacedSource;
import io.adinsights.speed.window.MetricRow;
import io.adinsights.speed.window.MetricWindows;
import io.adinsights.speed.window.PartialCounts;
import io.adinsights.speed.window.PreAggregateContributions;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kinesis.source.KinesisStreamsSource;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants.InitialPosition;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The speed layer: source → parse (dead letters) → dedup → late filter → attribute → pre-aggregate → 1-minute and
 * 1-hour windows with early results → CQL upserts, plus the raw archive of every record for local runs.
 */
public final class SpeedLayerJob {

    public static final String JOB_NAME = "ad-insights-speed-layer";

    /** The AWS client settings of the Kinesis connector (its {@code AWSConfigConstants}, relocated in its jar). */
    static final String AWS_REGION = "aws.region";
    static final String AWS_ENDPOINT = "aws.endpoint";
    private static final DateTimeFormatter KINESIS_TIMESTAMP = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private SpeedLayerJob() {
    }

    public static void main(String[] args) throws Exception {
        SpeedLayerConfig config = readConfig(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        build(env, config);
        env.execute(JOB_NAME);
    }

    /** Job arguments and environment variables, or on Managed Flink (no arguments) its application properties. */
    static SpeedLayerConfig readConfig(String[] args) throws IOException {
        if (args.length == 0) {
            Map<String, Properties> properties = KinesisAnalyticsRuntime.getApplicationProperties();
            if (properties.containsKey(SpeedLayerConfig.PROPERTY_GROUP)) {
                return SpeedLayerConfig.fromApplicationProperties(properties);
            }
        }
        return SpeedLayerConfig.fromArgs(args, System.getenv());
    }

    /** Exactly-once checkpoints of incremental RocksDB state, and restarts from them on failure. */
    public static void configure(StreamExecutionEnvironment env, SpeedLayerConfig config) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.setStateBackend(stateBackend());
        env.getCheckpointConfig().setCheckpointStorage(config.checkpointDir());
        env.getConfig().enableObjectReuse();
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        env.configure(restarts);
    }

    /**
     * Incremental RocksDB with bloom filters: the dedup looks up every event's id, and nearly all of them are new, so
     * most look-ups miss; a filter answers a miss without reading blocks of every SST file. A cluster's own
     * {@code state.backend.rocksdb.*} settings still take precedence.
     */
    static EmbeddedRocksDBStateBackend stateBackend() {
        Configuration rocksDb = new Configuration();
        rocksDb.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        return new EmbeddedRocksDBStateBackend(true).configure(rocksDb, SpeedLayerJob.class.getClassLoader());
    }

    /** The whole graph on the configured source. */
    public static void build(StreamExecutionEnvironment env, SpeedLayerConfig config) {
        count(source(env, config), config);
    }

    /** The stream of ingested records, watermarked per split (Kafka partition, Kinesis shard). */
    public static DataStream<IngestedRecord> source(StreamExecutionEnvironment env, SpeedLayerConfig config) {
        WatermarkStrategy<IngestedRecord> watermarks = EventTimeWatermarks.of(config.watermarkBound(),
                config.idleness());
        return switch (config.sourceKind()) {
            case KAFKA -> env.fromSource(kafka(config), watermarks, "kafka-source").uid("kafka-source");
            case KINESIS -> env.fromSource(kinesis(config), watermarks, "kinesis-source").uid("kinesis-source");
        };
    }

    /** Starts from the group's committed offsets, else from the configured position. */
    private static KafkaSource<IngestedRecord> kafka(SpeedLayerConfig config) {
        OffsetsInitializer start = switch (config.startPosition()) {
            case EARLIEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case LATEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST);
            case AT_TIMESTAMP -> OffsetsInitializer.timestamp(config.startTimestamp().toEpochMilli());
        };
        return KafkaSource.<IngestedRecord>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(config.kafkaTopic())
                .setGroupId(config.kafkaGroupId())
                .setStartingOffsets(start)
                .setDeserializer(new KafkaRecordIngester())
                .build();
    }

    /**
     * Polls every shard of the stream (GetRecords), discovering new shards every shard-discovery interval, and waits
     * a little after a poll that found nothing; AWS credentials come from the default provider chain (environment,
     * system properties, profile, web identity, container or instance role).
     */
    private static Source<IngestedRecord, ?, ?> kinesis(SpeedLayerConfig config) {
        KinesisStreamsSource<IngestedRecord> kinesis = KinesisStreamsSource.<IngestedRecord>builder()
                .setStreamArn(config.kinesisStreamArn())
                .setSourceConfig(kinesisSourceConfig(config))
                .setDeserializationSchema(new KinesisRecordIngester())
                .build();
        return new PacedSource<>(kinesis, config.kinesisEmptyPollDelay(), TypeInformation.of(IngestedRecord.class));
    }

    /** The settings of the Kinesis connector: its AWS client, shard discovery and start position. */
    static Configuration kinesisSourceConfig(SpeedLayerConfig config) {
        Configuration source = new Configuration();
        source.setString(AWS_REGION, config.kinesisRegion());
        if (config.kinesisEndpoint() != null) {
            source.setString(AWS_ENDPOINT, config.kinesisEndpoint());
        }
        source.set(KinesisStreamsSourceConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS,
                config.kinesisShardDiscoveryInterval().toMillis());
        switch (config.startPosition()) {
            case EARLIEST -> source.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION,
                    InitialPosition.TRIM_HORIZON);
            case LATEST -> source.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION,
                    InitialPosition.LATEST);
            case AT_TIMESTAMP -> {
                source.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION, InitialPosition.AT_TIMESTAMP);
                // In the connector's default timestamp format, yyyy-MM-dd'T'HH:mm:ss.SSSXXX.
                source.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_TIMESTAMP,
                        KINESIS_TIMESTAMP.format(config.startTimestamp()));
            }
            default -> throw new IllegalStateException("Unknown start position " + config.startPosition());
        }
        return source;
    }

    /** Everything after the source: what the speed layer counts, where, and what it sets aside. */
    public static void count(DataStream<IngestedRecord> records, SpeedLayerConfig config) {
        requireNonNull(records, "records is null");
        if (config.rawArchiveDir() != null) {
            records.sinkTo(RawArchive.sink(config.rawArchiveDir())).uid("raw-archive").name("raw-archive");
        }

        SingleOutputStreamOperator<ParsedEvent> events = records
                .process(new SplitDeadLetters()).uid("parse").name("parse");
        DataStream<IngestedRecord> deadLetters = events.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
        if (config.deadLetterTopic() != null) {
            deadLetters.sinkTo(DeadLetterSinks.kafka(config.kafkaBootstrapServers(), config.deadLetterTopic()))
                    .uid("dead-letter-sink").name("dead-letters");
        } else {
            deadLetters.sinkTo(DeadLetterSinks.files(config.deadLetterDir()))
                    .uid("dead-letter-sink").name("dead-letters");
        }

        // Late events leave through LateEventFilter.LATE_EVENTS, counted; the batch layer counts them from raw.
        SingleOutputStreamOperator<ParsedEvent> onTime = events
                // DedupKey: the eventId, whatever the type or payload of the copies.
                .keyBy(event -> event.eventId)
                .process(new DeduplicateByEventId(config.dedupTtl())).uid("dedup").name("dedup")
                .transform("late-filter", TypeInformation.of(ParsedEvent.class),
                        new LateEventFilter(config.allowedLateness()))
                .uid("late-filter");

        // Each stream of contributions is pre-aggregated where it is made (chained, no network hop per event): the
        // impressions after the late filter, clicks and baskets after attribution; only partials are shuffled.
        DataStream<PartialCounts> impressions = preAggregate(onTime
                .filter(event -> event.eventType == EventType.IMPRESSION).uid("impressions").name("impressions")
                .map(Contribution::impression).uid("impression-contributions").name("impression-contributions"),
                "pre-aggregate-impressions");
        DataStream<PartialCounts> clicksAndBaskets = preAggregate(onTime
                .filter(event -> event.eventType != EventType.IMPRESSION).uid("clicks-and-baskets")
                .name("clicks-and-baskets")
                .keyBy(ParsedEvent::attributionKey)
                .process(new AttributeBaskets(config.attribution(), config.allowedLateness(), config.dedupTtl()))
                .uid("attribute").name("attribute"),
                "pre-aggregate-attributed");
        DataStream<PartialCounts> partials = impressions.union(clicksAndBaskets);

        DataStream<MetricRow> rows = partials
                .keyBy(PartialCounts::rowKey)
                .process(new MetricWindows(config.allowedLateness(), config.earlyFireInterval()))
                .uid("windows").name("windows");
        // One writer: its watermark in layer_progress then covers every row written before it.
        rows.sinkTo(new ScyllaMetricsSink(new CqlConnection(config.cqlContactPoints(), config.cqlDatacenter(),
                        config.cqlKeyspace(), config.cqlConsistency()), config.layerName()))
                .setParallelism(1).uid("cql-sink").name("cql-sink");
    }

    private static DataStream<PartialCounts> preAggregate(DataStream<Contribution> contributions, String name) {
        return contributions.transform(name, TypeInformation.of(PartialCounts.class),
                new PreAggregateContributions(PreAggregateContributions.MAX_ENTRIES_DEFAULT)).uid(name);
    }
}
