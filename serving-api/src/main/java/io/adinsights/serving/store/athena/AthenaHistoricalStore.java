package io.adinsights.serving.store.athena;

import static java.util.Objects.requireNonNull;

import io.adinsights.serving.store.HistoricalStore;
import io.adinsights.serving.store.MetricCounts;
import io.adinsights.serving.store.SeriesRequest;
import io.adinsights.serving.store.StoreUnavailableException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * Reads {@code campaign_metrics_hourly} through Athena. The watermark and the snapshot come from the lakehouse
 * catalog (Glue: the catalog Athena reads), pinned by {@code pinner}; the query reads that snapshot
 * ({@code FOR VERSION AS OF}), so data and watermark are one commit here too. User input never enters the SQL text:
 * campaign, ad and the range go in as execution parameters.
 */
public final class AthenaHistoricalStore implements HistoricalStore {

    /** Athena prints {@code timestamp(6) with time zone} as {@code 2026-03-29 00:00:00.000000 UTC}. */
    private static final DateTimeFormatter ATHENA_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS] VV");

    private final AthenaClient athena;
    private final AthenaProperties properties;
    private final Supplier<SnapshotPin> pinner;
    private final Sleeper sleeper;

    /** The batch watermark and the snapshot id it was committed with. */
    public record SnapshotPin(Optional<Instant> watermark, Optional<Long> snapshotId) {
    }

    /** Waits between polls; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(java.time.Duration duration) throws InterruptedException;
    }

    public AthenaHistoricalStore(AthenaClient athena, AthenaProperties properties, Supplier<SnapshotPin> pinner,
            Sleeper sleeper) {
        this.athena = requireNonNull(athena, "athena is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.pinner = requireNonNull(pinner, "pinner is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    @Override
    public LakeState pin() {
        SnapshotPin pin = pinner.get();
        return new LakeState() {
            @Override
            public Optional<Instant> watermark() {
                return pin.watermark();
            }

            @Override
            public SortedMap<Instant, MetricCounts> read(SeriesRequest request) {
                return pin.snapshotId().map(id -> query(id, request)).orElseGet(TreeMap::new);
            }
        };
    }

    /** The SQL text: fixed but for the snapshot id, a number this service read from the catalog. */
    static String sql(String database, long snapshotId, boolean byAd) {
        return "SELECT hour, sum(impressions), sum(clicks), sum(click_to_basket)"
                + " FROM \"" + database + "\".\"campaign_metrics_hourly\" FOR VERSION AS OF " + snapshotId
                + " WHERE campaign_id = ? AND hour >= from_iso8601_timestamp(?) AND hour < from_iso8601_timestamp(?)"
                + (byAd ? " AND ad_id = ?" : "")
                + " GROUP BY hour ORDER BY hour";
    }

    /** Athena execution parameters are SQL literals: strings in single quotes, quotes doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private SortedMap<Instant, MetricCounts> query(long snapshotId, SeriesRequest request) {
        List<String> parameters = new ArrayList<>(List.of(literal(request.campaignId()),
                literal(request.from().toString()), literal(request.to().toString())));
        request.adId().ifPresent(ad -> parameters.add(literal(ad)));
        try {
            String id = athena.startQueryExecution(StartQueryExecutionRequest.builder()
                    .queryString(sql(properties.database(), snapshotId, request.adId().isPresent()))
                    .executionParameters(parameters)
                    .workGroup(properties.workgroup())
                    .queryExecutionContext(c -> c.database(properties.database()).catalog(properties.catalog()))
                    .resultConfiguration(c -> {
                        if (properties.outputLocation() != null) {
                            c.outputLocation(properties.outputLocation());
                        }
                    })
                    .resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(age -> age.enabled(true)
                            .maxAgeInMinutes((int) properties.resultReuseMaxAge().toMinutes())))
                    .build()).queryExecutionId();
            awaitSuccess(id);
            return results(id);
        } catch (SdkException e) {
            throw new StoreUnavailableException("Athena failed: " + e.getMessage(), e);
        }
    }

    private void awaitSuccess(String id) {
        long deadline = System.nanoTime() + properties.queryTimeout().toNanos();
        java.time.Duration wait = properties.firstPoll();
        while (true) {
            QueryExecutionStatus status = athena.getQueryExecution(r -> r.queryExecutionId(id))
                    .queryExecution().status();
            QueryExecutionState state = status.state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new StoreUnavailableException("Athena query " + id + " " + state + ": "
                        + status.stateChangeReason(), null);
            }
            if (System.nanoTime() + wait.toNanos() > deadline) {
                athena.stopQueryExecution(r -> r.queryExecutionId(id));
                throw new StoreUnavailableException("Athena query " + id + " timed out after "
                        + properties.queryTimeout() + " (stopped)", null);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                athena.stopQueryExecution(r -> r.queryExecutionId(id));
                throw new StoreUnavailableException("Interrupted waiting for Athena query " + id, e);
            }
            wait = wait.multipliedBy(2).compareTo(properties.maxPoll()) > 0 ? properties.maxPoll()
                    : wait.multipliedBy(2);
        }
    }

    private SortedMap<Instant, MetricCounts> results(String id) {
        SortedMap<Instant, MetricCounts> rows = new TreeMap<>();
        String token = null;
        boolean header = true;
        do {
            String page = token;
            GetQueryResultsResponse response = athena.getQueryResults(GetQueryResultsRequest.builder()
                    .queryExecutionId(id).nextToken(page).build());
            for (Row row : response.resultSet().rows()) {
                if (header) {
                    header = false;
                    continue;
                }
                rows.put(instant(row.data().get(0).varCharValue()), new MetricCounts(number(row, 1), number(row, 2),
                        number(row, 3)));
            }
            token = response.nextToken();
        } while (token != null);
        return rows;
    }

    private static long number(Row row, int column) {
        String value = row.data().get(column).varCharValue();
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new StoreUnavailableException("Unexpected Athena value in column " + column + ": " + value, e);
        }
    }

    static Instant instant(String value) {
        try {
            return java.time.ZonedDateTime.parse(value, ATHENA_TIMESTAMP).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new StoreUnavailableException("Unexpected Athena timestamp: " + value, e);
        }
    }
}
