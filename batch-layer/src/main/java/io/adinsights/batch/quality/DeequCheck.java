package io.adinsights.batch.quality;

import static java.util.Objects.requireNonNull;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.Constraint;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import io.adinsights.batch.ScalaSeqs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Deequ, once, for Java: a check is built with plain Java arguments (Scala's default arguments become
 * {@code Option.empty()}, lists become Scala sequences) and verified into plain {@link QualityOutcome}s.
 * Every constraint is an error-level constraint: any failure fails the run's checks.
 */
public final class DeequCheck {

    private final String dataset;
    /** Constraints on every row: they hold on no rows, where Deequ reports an empty state instead. */
    private final Check check;
    private final Check sizeCheck;

    private DeequCheck(String dataset, Check check, Check sizeCheck) {
        this.dataset = dataset;
        this.check = check;
        this.sizeCheck = sizeCheck;
    }

    /** A check of the named data set, e.g. {@code ad_events (this batch)}. */
    public static DeequCheck on(String dataset) {
        requireNonNull(dataset, "dataset is null");
        return new DeequCheck(dataset, emptyCheck(dataset), emptyCheck(dataset));
    }

    private static Check emptyCheck(String dataset) {
        return new Check(CheckLevel.Error(), dataset, ScalaSeqs.<Constraint>of());
    }

    public DeequCheck isComplete(String column) {
        return with(check.isComplete(column, Option.empty(), Option.empty()));
    }

    public DeequCheck isUnique(String column) {
        return with(check.isUnique(column, Option.empty(), Option.empty()));
    }

    /** The columns together identify a row. */
    public DeequCheck isUnique(List<String> columns) {
        return with(check.hasUniqueness(ScalaSeqs.of(columns), Check.IsOne()));
    }

    public DeequCheck isContainedIn(String column, List<String> allowed) {
        return with(check.isContainedIn(column, allowed.toArray(String[]::new)));
    }

    public DeequCheck isNonNegative(String column) {
        return with(check.isNonNegative(column, Check.IsOne(), Option.empty()));
    }

    /** Every row satisfies the SQL condition. */
    public DeequCheck satisfies(String condition, String name) {
        return with(check.satisfies(condition, name, Check.IsOne(), Option.empty(),
                scala.collection.immutable.List$.MODULE$.empty(), Option.empty()));
    }

    public DeequCheck hasSize(LongPredicate size, String hint) {
        Function1<Object, Object> assertion = value -> size.test((Long) value);
        return new DeequCheck(dataset, check, sizeCheck.hasSize(assertion, Option.apply(hint)));
    }

    /** Runs the constraints on the data, in one pass where Deequ can share it. */
    public List<QualityOutcome> verify(Dataset<Row> data) {
        requireNonNull(data, "data is null");
        List<QualityOutcome> outcomes = new ArrayList<>();
        if (data.isEmpty()) {
            outcomes.add(new QualityOutcome(dataset, "row constraints (no rows: they hold)", true, ""));
            outcomes.addAll(outcomes(new VerificationSuite().onData(data).addCheck(sizeCheck).run()));
        } else {
            outcomes.addAll(outcomes(new VerificationSuite().onData(data).addCheck(check).addCheck(sizeCheck).run()));
        }
        return outcomes;
    }

    private List<QualityOutcome> outcomes(VerificationResult result) {
        List<QualityOutcome> outcomes = new ArrayList<>();
        for (CheckResult checkResult : JavaConverters.mapAsJavaMapConverter(result.checkResults()).asJava().values()) {
            for (ConstraintResult constraint
                    : JavaConverters.seqAsJavaListConverter(checkResult.constraintResults()).asJava()) {
                boolean passed = constraint.status() == ConstraintStatus.Success();
                String message = constraint.message().isDefined() ? constraint.message().get() : "";
                outcomes.add(new QualityOutcome(dataset, constraint.constraint().toString(), passed, message));
            }
        }
        return outcomes;
    }

    private DeequCheck with(Check next) {
        return new DeequCheck(dataset, next, sizeCheck);
    }
}
