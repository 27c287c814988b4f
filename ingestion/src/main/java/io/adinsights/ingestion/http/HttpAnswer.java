package io.adinsights.ingestion.http;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** One HTTP response as both faces of ingestion send it. */
public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    public HttpAnswer {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(headers);
    }
}
