package io.adinsights.ingestion.lambda;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.adinsights.ingestion.EventIngestor;
import io.adinsights.ingestion.IngestionConfig;
import io.adinsights.ingestion.http.HttpAnswer;
import io.adinsights.ingestion.http.HttpCall;
import io.adinsights.ingestion.http.IngestionEndpoint;
import io.adinsights.schemas.parse.EventParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The ingestion endpoint as an AWS Lambda function behind an API Gateway HTTP API (payload format 2.0). Configured
 * from the function's environment ({@link IngestionConfig}); the clients are made once per execution environment.
 */
public final class IngestionLambda implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final IngestionEndpoint endpoint;

    /** Used by the Lambda runtime. */
    public IngestionLambda() {
        this(endpointFrom(IngestionConfig.fromEnvironment()));
    }

    public IngestionLambda(IngestionEndpoint endpoint) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPEvent.RequestContext request = event.getRequestContext();
        String method = request == null || request.getHttp() == null ? "POST" : request.getHttp().getMethod();
        String body = event.getBody() == null ? "" : event.getBody();
        byte[] bytes = event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        String origin = "apigw:" + (request == null ? "?" : request.getRequestId());
        HttpAnswer answer = endpoint.handle(new HttpCall(method, event.getRawPath() == null ? "" : event.getRawPath(),
                headerIgnoringCase(headers, "content-type"), bytes, origin));
        Map<String, String> responseHeaders = new HashMap<>(answer.headers());
        responseHeaders.put("Content-Type", answer.contentType());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(answer.status())
                .withHeaders(responseHeaders)
                .withBody(new String(answer.body(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    private static String headerIgnoringCase(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static IngestionEndpoint endpointFrom(IngestionConfig config) {
        EventIngestor ingestor = new EventIngestor(EventParser.create(), config.eventsWriter(),
                config.deadLetterWriter(), Clock.systemUTC(), new SimpleMeterRegistry());
        return new IngestionEndpoint(ingestor, config.limits());
    }
}
