package io.adinsights.ingestion.http;

import static java.util.Objects.requireNonNull;

import io.adinsights.ingestion.EventIngestor;
import io.adinsights.ingestion.IngestResult;
import io.adinsights.ingestion.RecordResult;
import io.adinsights.ingestion.request.IngestionLimits;
import io.adinsights.ingestion.request.RequestBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /events}: the HTTP contract of ingestion, the same behind API Gateway and on the local server. The body
 * is one event, a JSON array of events or newline-delimited events.
 * <ul>
 *   <li>200: every record is on the stream;</li>
 *   <li>207: some records were rejected or could not be written; each record's result says which (retry only the
 *   failed ones, fix the rejected ones);</li>
 *   <li>400: no record is a valid event, or the body cannot be read at all (RFC 9457 problem details);</li>
 *   <li>413: more than {@link IngestionLimits} allows; 415: not a JSON content type;</li>
 *   <li>503: the stream took none of the valid records; retry the request later.</li>
 * </ul>
 */
public final class IngestionEndpoint {

    public static final String PATH = "/events";
    public static final String HEALTH_PATH = "/health";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";
    private static final String PROBLEM_BASE = "https://adinsights.io/problems/";
    private static final Set<String> ACCEPTED_TYPES = Set.of("application/json", "application/x-ndjson",
            "application/ndjson", "application/jsonl", "application/x-jsonlines", "text/plain");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final EventIngestor ingestor;
    private final IngestionLimits limits;

    public IngestionEndpoint(EventIngestor ingestor, IngestionLimits limits) {
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    public IngestionLimits limits() {
        return limits;
    }

    public HttpAnswer handle(HttpCall call) {
        requireNonNull(call, "call is null");
        if (HEALTH_PATH.equals(call.path()) && "GET".equals(call.method())) {
            return new HttpAnswer(200, JSON, "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }
        if (!PATH.equals(call.path())) {
            return problem(404, "not-found", "No such resource", "Events are sent with POST " + PATH, Map.of());
        }
        if (!"POST".equals(call.method())) {
            return problem(405, "method-not-allowed", "Method not allowed",
                    call.method() + " is not supported on " + PATH + "; use POST", Map.of("Allow", "POST"));
        }
        if (!isJson(call.contentType())) {
            return problem(415, "unsupported-media-type", "Unsupported media type", "Content-Type "
                    + call.contentType() + " is not accepted; send application/json or application/x-ndjson",
                    Map.of());
        }
        RequestBody.Split split = RequestBody.split(call.body(), limits);
        if (split instanceof RequestBody.Split.Refused refused) {
            boolean tooLarge = refused.problem() == RequestBody.Problem.BODY_TOO_LARGE
                    || refused.problem() == RequestBody.Problem.TOO_MANY_RECORDS;
            return problem(tooLarge ? 413 : 400, refused.problem().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    tooLarge ? "Request too large" : "Unreadable request body", refused.detail(), Map.of());
        }
        IngestResult result = ingestor.ingest(((RequestBody.Split.Records) split).records(), call.origin());
        return answer(result);
    }

    private HttpAnswer answer(IngestResult result) {
        long accepted = result.count(RecordResult.Status.ACCEPTED);
        long rejected = result.count(RecordResult.Status.REJECTED);
        long failed = result.count(RecordResult.Status.FAILED);
        if (failed > 0 && accepted == 0 && rejected == 0) {
            return withResults(503, PROBLEM_JSON, "stream-unavailable", "Stream unavailable",
                    "The stream did not take the events; send the request again later", result,
                    Map.of("Retry-After", "1"));
        }
        if (accepted == 0 && failed == 0) {
            return withResults(400, PROBLEM_JSON, "invalid-events", "No valid event",
                    "None of the " + rejected + " records is a valid event; each result says why", result, Map.of());
        }
        int status = rejected == 0 && failed == 0 ? 200 : 207;
        return withResults(status, JSON, null, null, null, result, Map.of());
    }

    private static HttpAnswer withResults(int status, String contentType, String problemType, String title,
            String detail, IngestResult result, Map<String, String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            if (problemType != null) {
                writeProblemFields(json, status, problemType, title, detail);
            }
            json.writeNumberProperty("accepted", result.count(RecordResult.Status.ACCEPTED));
            json.writeNumberProperty("rejected", result.count(RecordResult.Status.REJECTED));
            json.writeNumberProperty("failed", result.count(RecordResult.Status.FAILED));
            json.writeArrayPropertyStart("results");
            for (RecordResult record : result.results()) {
                writeResult(json, record);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return new HttpAnswer(status, contentType, out.toByteArray(), headers);
    }

    private static void writeResult(JsonGenerator json, RecordResult record) {
        json.writeStartObject();
        json.writeNumberProperty("index", record.index());
        json.writeStringProperty("status", record.status().name().toLowerCase(Locale.ROOT));
        if (record.eventId() != null) {
            json.writeStringProperty("eventId", record.eventId());
        }
        if (record.rejection() != null) {
            json.writeStringProperty("reason", record.rejection().reason().code());
            json.writeStringProperty("message", record.rejection().message());
        }
        if (record.status() == RecordResult.Status.FAILED) {
            json.writeStringProperty("error", record.detail());
        }
        json.writeEndObject();
    }

    private static HttpAnswer problem(int status, String type, String title, String detail,
            Map<String, String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            writeProblemFields(json, status, type, title, detail);
            json.writeEndObject();
        }
        return new HttpAnswer(status, PROBLEM_JSON, out.toByteArray(), headers);
    }

    private static void writeProblemFields(JsonGenerator json, int status, String type, String title,
            String detail) {
        json.writeStringProperty("type", PROBLEM_BASE + type);
        json.writeStringProperty("title", title);
        json.writeNumberProperty("status", status);
        json.writeStringProperty("detail", detail);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return ACCEPTED_TYPES.contains(mediaType);
    }
}
