package io.adinsights.ingestion.http;

import static java.util.Objects.requireNonNull;

/**
 * One HTTP request as both faces of ingestion see it.
 *
 * @param method      e.g. {@code POST}
 * @param path        e.g. {@code /events}
 * @param contentType the Content-Type header, or null
 * @param body        the body (at most the size limit plus one byte: the faces stop reading there)
 * @param origin      who sent it, for dead letters, e.g. {@code http:127.0.0.1 request 42}
 */
public record HttpCall(String method, String path, String contentType, byte[] body, String origin) {

    public HttpCall {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(body, "body is null");
        requireNonNull(origin, "origin is null");
    }
}
