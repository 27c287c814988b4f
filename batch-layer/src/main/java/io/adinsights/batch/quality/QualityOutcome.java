package io.adinsights.batch.quality;

import static java.util.Objects.requireNonNull;

/**
 * The result of one quality constraint.
 *
 * @param dataset    what was checked
 * @param constraint the constraint, as Deequ (or this module) describes it
 * @param passed     whether it holds
 * @param message    why it failed; empty when it passed
 */
public record QualityOutcome(String dataset, String constraint, boolean passed, String message) {

    public QualityOutcome {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(constraint, "constraint is null");
        requireNonNull(message, "message is null");
    }

    /** One log line: {@code quality PASSED|FAILED <dataset>: <constraint> <message>}. */
    public String logLine() {
        return String.format("quality %s %s: %s%s", passed ? "PASSED" : "FAILED", dataset, constraint,
                message.isEmpty() ? "" : " - " + message);
    }
}
