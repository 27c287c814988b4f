package io.adinsights.ingestion.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.adinsights.ingestion.EventIngestor;
import io.adinsights.ingestion.IngestionConfig;
import io.adinsights.ingestion.http.IngestionEndpoint;
import io.adinsights.ingestion.support.StreamContents;
import io.adinsights.schemas.event.EventJson;
import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.validation.RejectionReason;
import io.adinsights.servers.kinesis.KinesisServer;
import io.adinsights.servers.kinesis.KinesisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The Lambda face on a real Kinesis API, configured the way the function is: from its environment. */
@ExtendWith(KinesisServerExtension.class)
class IngestionLambdaIT {

    @Test
    void apiGatewayEventsReachKinesisAndInvalidRecordsTheDeadLetterStream(KinesisServer kinesis) {
        kinesis.createStream("lambda-events", 3);
        kinesis.createStream("lambda-dead-letters", 1);
        IngestionConfig config = IngestionConfig.from(Map.of(
                IngestionConfig.STREAM_KIND, "kinesis",
                IngestionConfig.STREAM_NAME, "lambda-events",
                IngestionConfig.DEAD_LETTER_STREAM, "lambda-dead-letters",
                IngestionConfig.KINESIS_ENDPOINT, kinesis.endpoint().toString(),
                IngestionConfig.AWS_REGION, kinesis.region().id()));
        EventIngestor ingestor = new EventIngestor(EventParser.create(), config.eventsWriter(),
                config.deadLetterWriter(), Clock.systemUTC(), new SimpleMeterRegistry());
        IngestionLambda lambda = new IngestionLambda(new IngestionEndpoint(ingestor, config.limits()));
        String click = "{\"eventId\":\"k-1\",\"eventType\":\"click\",\"eventTime\":\"" + Instant.now()
                + "\",\"campaignId\":\"c\",\"adId\":\"a\"}";

        APIGatewayV2HTTPResponse mixed = lambda.handleRequest(event("[" + click + ",{\"eventId\":7}]", false), null);
        APIGatewayV2HTTPResponse encoded = lambda.handleRequest(event(click.replace("k-1", "k-2"), true), null);
        APIGatewayV2HTTPResponse wrongMethod = lambda.handleRequest(withMethod(event("", false), "GET"), null);

        assertThat(mixed.getStatusCode()).isEqualTo(207);
        assertThat(mixed.getBody()).contains("\"reason\":\"MISSING_FIELD\"");
        assertThat(encoded.getStatusCode()).isEqualTo(200);
        assertThat(wrongMethod.getStatusCode()).isEqualTo(405);
        assertThat(wrongMethod.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        try (KinesisClient client = kinesis.newClient()) {
            assertThat(StreamContents.kinesis(client, "lambda-events"))
                    .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(click, click.replace("k-1", "k-2"));
            List<byte[]> letters = StreamContents.kinesis(client, "lambda-dead-letters");
            assertThat(letters).singleElement().extracting(EventJson::readDeadLetter).satisfies(letter -> {
                assertThat(letter.rejection().reason()).isEqualTo(RejectionReason.MISSING_FIELD);
                assertThat(letter.origin()).isEqualTo("apigw:req-1#1");
            });
        }
    }

    private static APIGatewayV2HTTPEvent event(String body, boolean base64) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId("req-1");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        event.setRawPath(IngestionEndpoint.PATH);
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setIsBase64Encoded(base64);
        event.setBody(base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        return event;
    }

    private static APIGatewayV2HTTPEvent withMethod(APIGatewayV2HTTPEvent event, String method) {
        event.getRequestContext().getHttp().setMethod(method);
        return event;
    }
}
