package io.adinsights.batch;

import static java.util.Objects.requireNonNull;

import io.adinsights.batch.compaction.CompactionResult;
import io.adinsights.batch.compaction.RawHours;
import io.adinsights.batch.quality.QualityOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run did, written as JSON to the report directory and read by people, Airflow and alerting.
 *
 * @param hours                the raw hours compacted
 * @param runTime              when the run started
 * @param compaction           what compaction read and wrote
 * @param distinctEvents       distinct eventIds of the batch
 * @param aggregatedHours      event-time hours recomputed
 * @param outcomes             every quality constraint
 * @param aggregatesCommitted  whether the hourly tables were replaced (not when their own checks failed)
 * @param watermarkBefore      the batch watermark before the run
 * @param watermarkAfter       the batch watermark after the run
 */
public record RunReport(
        RawHours hours,
        Instant runTime,
        CompactionResult compaction,
        long distinctEvents,
        int aggregatedHours,
        List<QualityOutcome> outcomes,
        boolean aggregatesCommitted,
        Optional<Instant> watermarkBefore,
        Optional<Instant> watermarkAfter) {

    public RunReport {
        requireNonNull(hours, "hours is null");
        requireNonNull(runTime, "runTime is null");
        requireNonNull(compaction, "compaction is null");
        outcomes = List.copyOf(requireNonNull(outcomes, "outcomes is null"));
        requireNonNull(watermarkBefore, "watermarkBefore is null");
        requireNonNull(watermarkAfter, "watermarkAfter is null");
    }

    public boolean checksPassed() {
        return outcomes.stream().allMatch(QualityOutcome::passed);
    }

    public List<QualityOutcome> failures() {
        return outcomes.stream().filter(outcome -> !outcome.passed()).toList();
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rawHoursFrom", hours.from().toString());
        json.put("rawHoursTo", hours.to().toString());
        json.put("runTime", runTime.toString());
        json.put("files", compaction.files());
        json.put("quarantined", compaction.quarantined().stream().map(file -> Map.of(
                "file", file.file(), "movedTo", file.movedTo(), "recordsBefore", file.recordsBefore(),
                "reason", file.reason())).toList());
        json.put("recordsRead", compaction.recordsRead());
        json.put("validRecords", compaction.validRecords());
        json.put("deadLetters", compaction.invalidRecords());
        json.put("distinctEvents", distinctEvents);
        json.put("rawCompactedThrough", compaction.compactedThrough().toString());
        json.put("aggregatedHours", aggregatedHours);
        json.put("aggregatesCommitted", aggregatesCommitted);
        json.put("checksPassed", checksPassed());
        json.put("checks", outcomes.stream().map(outcome -> Map.of(
                "dataset", outcome.dataset(), "constraint", outcome.constraint(), "passed", outcome.passed(),
                "message", outcome.message())).toList());
        json.put("watermarkBefore", watermarkBefore.map(Instant::toString).orElse(null));
        json.put("watermarkAfter", watermarkAfter.map(Instant::toString).orElse(null));
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }
}
