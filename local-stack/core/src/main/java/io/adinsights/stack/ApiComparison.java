package io.adinsights.stack;

import static java.util.Objects.requireNonNull;

import io.adinsights.traffic.oracle.Metric;
import io.adinsights.traffic.oracle.MetricsTruth;
import io.adinsights.traffic.oracle.Truth;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Asks insights-api what the oracle knows: for each campaign, hourly summaries over ranges before, across and after
 * the boundary, each bucket expected from the batch truth before the boundary and from the speed truth after it.
 * Every difference is listed; an empty list means every figure was equal.
 */
final class ApiComparison {

    private static final int MAX_LISTED = 200;

    private final InsightsApiClient api;
    private final Truth truth;
    private final Instant boundary;
    private int figures;

    /** What one comparison found. */
    record Outcome(int requests, int figures, List<String> differences) {
        boolean equal() {
            return differences.isEmpty();
        }
    }

    ApiComparison(InsightsApiClient api, Truth truth, Instant boundary) {
        this.api = requireNonNull(api, "api is null");
        this.truth = requireNonNull(truth, "truth is null");
        this.boundary = requireNonNull(boundary, "boundary is null");
    }

    /**
     * Compares every campaign over [first, boundary), [boundary − 2 h, boundary + 2 h) and [boundary, last), where
     * {@code last} is the end of the current hour, the latest end the API accepts.
     */
    Outcome compare(List<String> campaigns, Instant first, Instant last) throws IOException, InterruptedException {
        List<String> differences = new ArrayList<>();
        // The API refuses ranges ending after the current hour: the range across the boundary stops at last.
        Instant twoHoursAfter = boundary.plus(Duration.ofHours(2));
        Instant acrossEnd = twoHoursAfter.isAfter(last) ? last : twoHoursAfter;
        List<Instant[]> ranges = List.of(
                new Instant[] {first, boundary},
                new Instant[] {boundary.minus(Duration.ofHours(2)), acrossEnd},
                new Instant[] {boundary, last});
        for (String campaign : campaigns) {
            for (Instant[] range : ranges) {
                if (range[0].isBefore(range[1])) {
                    compareRange(campaign, range[0], range[1], differences);
                }
            }
        }
        return new Outcome(api.requests(), figures, differences.size() > MAX_LISTED
                ? List.copyOf(differences.subList(0, MAX_LISTED)) : List.copyOf(differences));
    }

    private void compareRange(String campaign, Instant from, Instant to, List<String> differences)
            throws IOException, InterruptedException {
        JsonNode answer = api.summary(campaign, from, to);
        Instant reported = Instant.parse(answer.path("boundary").path("at").asString());
        if (!reported.equals(boundary)) {
            differences.add(campaign + ": boundary " + reported + ", expected " + boundary);
        }
        if (!answer.path("gaps").isEmpty()) {
            differences.add(campaign + " [" + from + ", " + to + "): gaps " + answer.path("gaps"));
        }
        for (JsonNode point : answer.path("series")) {
            Instant hour = Instant.parse(point.path("bucketStart").asString());
            for (Metric metric : Metric.values()) {
                long expected = expected(campaign, metric, hour, hour.plus(Duration.ofHours(1)));
                check(differences, campaign + " " + hour + " " + metric, point.path(field(metric)).asLong(),
                        expected);
            }
        }
        for (Metric metric : Metric.values()) {
            check(differences, campaign + " [" + from + ", " + to + ") total " + metric,
                    answer.path("total").path(field(metric)).asLong(), expected(campaign, metric, from, to));
        }
    }

    /** The batch truth before the boundary, the speed truth from it on. */
    private long expected(String campaign, Metric metric, Instant from, Instant to) {
        MetricsTruth batch = truth.batch();
        MetricsTruth speed = truth.speed();
        long total = 0;
        if (from.isBefore(boundary)) {
            total += batch.total(campaign, metric, from, to.isBefore(boundary) ? to : boundary);
        }
        if (to.isAfter(boundary)) {
            total += speed.total(campaign, metric, from.isAfter(boundary) ? from : boundary, to);
        }
        return total;
    }

    private void check(List<String> differences, String what, long actual, long expected) {
        figures++;
        if (actual != expected) {
            differences.add(what + ": API " + actual + ", oracle " + expected);
        }
    }

    private static String field(Metric metric) {
        return switch (metric) {
            case IMPRESSIONS -> "impressions";
            case CLICKS -> "clicks";
            case CLICK_TO_BASKET -> "clickToBasket";
        };
    }
}
