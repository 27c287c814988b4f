package io.adinsights.ingestion;

import java.util.List;

/** The results of one request, one per record in request order. */
public record IngestResult(List<RecordResult> results) {

    public IngestResult {
        results = List.copyOf(results);
    }

    public long count(RecordResult.Status status) {
        return results.stream().filter(result -> result.status() == status).count();
    }
}
