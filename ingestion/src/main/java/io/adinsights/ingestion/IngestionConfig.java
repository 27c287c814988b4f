package io.adinsights.ingestion;

import static java.util.Objects.requireNonNull;

import io.adinsights.ingestion.request.IngestionLimits;
import io.adinsights.ingestion.stream.KafkaStreamWriter;
import io.adinsights.ingestion.stream.KinesisStreamWriter;
import io.adinsights.ingestion.stream.RetryPolicy;
import io.adinsights.ingestion.stream.StreamWriter;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Where ingestion writes and what it accepts, read once from environment variables. On AWS: the Kinesis stream
 * names, the region and the default credential chain. Locally: Kafka, or Kinesis at an endpoint such as
 * kinesis-local (which takes any credentials).
 *
 * @param streamKind         {@code kinesis} or {@code kafka}
 * @param streamName         the events stream (Kinesis stream or Kafka topic)
 * @param deadLetterStream   the stream that receives rejected records with their reasons
 * @param kafkaBootstrap     Kafka's bootstrap servers, for {@code kafka}
 * @param kinesisEndpoint    an endpoint override for Kinesis, e.g. {@code http://127.0.0.1:4568}; empty on AWS
 * @param region             the AWS region, for {@code kinesis}
 * @param limits             what one request may carry
 */
public record IngestionConfig(StreamKind streamKind, String streamName, String deadLetterStream,
        String kafkaBootstrap, Optional<URI> kinesisEndpoint, String region, IngestionLimits limits) {

    public static final String STREAM_KIND = "STREAM_KIND";
    public static final String STREAM_KIND_DEFAULT = "kinesis";
    public static final String STREAM_NAME = "STREAM_NAME";
    public static final String STREAM_NAME_DEFAULT = "ad-events";
    public static final String DEAD_LETTER_STREAM = "DEAD_LETTER_STREAM";
    public static final String DEAD_LETTER_STREAM_DEFAULT = "ad-events-dead-letters";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String KAFKA_BOOTSTRAP_SERVERS_DEFAULT = "127.0.0.1:9092";
    public static final String KINESIS_ENDPOINT = "KINESIS_ENDPOINT";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_REGION_DEFAULT = "us-east-1";
    public static final String MAX_BODY_BYTES = "INGESTION_MAX_BODY_BYTES";
    public static final String MAX_RECORDS = "INGESTION_MAX_RECORDS";

    /** The stream technology. */
    public enum StreamKind {
        KINESIS,
        KAFKA
    }

    public IngestionConfig {
        requireNonNull(streamKind, "streamKind is null");
        requireNonNull(streamName, "streamName is null");
        requireNonNull(deadLetterStream, "deadLetterStream is null");
        requireNonNull(kafkaBootstrap, "kafkaBootstrap is null");
        requireNonNull(kinesisEndpoint, "kinesisEndpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(limits, "limits is null");
    }

    public static IngestionConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static IngestionConfig from(Map<String, String> env) {
        String kind = env.getOrDefault(STREAM_KIND, STREAM_KIND_DEFAULT).trim().toUpperCase(Locale.ROOT);
        StreamKind streamKind;
        try {
            streamKind = StreamKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + STREAM_KIND + ": " + env.get(STREAM_KIND)
                    + " (must be kinesis or kafka)", e);
        }
        String endpoint = env.getOrDefault(KINESIS_ENDPOINT, "").trim();
        return new IngestionConfig(streamKind,
                env.getOrDefault(STREAM_NAME, STREAM_NAME_DEFAULT),
                env.getOrDefault(DEAD_LETTER_STREAM, DEAD_LETTER_STREAM_DEFAULT),
                env.getOrDefault(KAFKA_BOOTSTRAP_SERVERS, KAFKA_BOOTSTRAP_SERVERS_DEFAULT),
                endpoint.isEmpty() ? Optional.empty() : Optional.of(URI.create(endpoint)),
                env.getOrDefault(AWS_REGION, AWS_REGION_DEFAULT),
                new IngestionLimits(
                        positiveInt(env, MAX_BODY_BYTES, IngestionLimits.MAX_BODY_BYTES_DEFAULT),
                        positiveInt(env, MAX_RECORDS, IngestionLimits.MAX_RECORDS_DEFAULT)));
    }

    /** A writer to the events stream. */
    public StreamWriter eventsWriter() {
        return writer(streamName);
    }

    /** A writer to the dead-letter stream. */
    public StreamWriter deadLetterWriter() {
        return writer(deadLetterStream);
    }

    private StreamWriter writer(String stream) {
        return switch (streamKind) {
            case KAFKA -> new KafkaStreamWriter(kafkaBootstrap, stream);
            case KINESIS -> new KinesisStreamWriter(kinesisClient(), stream, RetryPolicy.defaults());
        };
    }

    private KinesisClient kinesisClient() {
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        kinesisEndpoint.ifPresentOrElse(
                uri -> builder.endpointOverride(uri)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local",
                                "local"))),
                () -> builder.credentialsProvider(DefaultCredentialsProvider.builder().build()));
        return builder.build();
    }

    private static int positiveInt(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be a whole number > 0)", e);
        }
        throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be a whole number > 0)");
    }
}
