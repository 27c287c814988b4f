package io.adinsights.batch.compaction;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SortOrderUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The order in which Iceberg wants a table's rows written (its partitions, then its sort order: the order of
 * {@link SortOrderUtil#buildSortOrder(Table)}), as plain Spark columns.
 *
 * <p>Why: Spark evaluates the table's order as written, and Iceberg's {@code days(ts)} turns every timestamp into an
 * {@code OffsetDateTime} on each call. A sort compares the day of both rows at every comparison, since the rows of a
 * run share one or two days, so a sorted write of {@code ad_events} spent a third of its CPU there. The same order
 * from integer arithmetic costs next to nothing, even evaluated at each comparison: less than a column of its own,
 * which every row would then be copied once more to drop before the write. Only identity and {@code day} fields are
 * translated; for any other order the write keeps Iceberg's own.
 */
public final class TableWriteOrder {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final List<Column> order;

    private TableWriteOrder(List<Column> order) {
        this.order = order;
    }

    /** The table's write order in plain columns, or empty when it has a field this class does not translate. */
    public static Optional<TableWriteOrder> of(Table table) {
        requireNonNull(table, "table is null");
        SortOrder wanted = SortOrderUtil.buildSortOrder(table);
        List<Column> order = new ArrayList<>();
        for (SortField field : wanted.fields()) {
            String source = table.schema().findColumnName(field.sourceId());
            Type type = table.schema().findType(field.sourceId());
            Column key;
            if (field.transform().isIdentity()) {
                key = col(source);
            } else if ("day".equals(field.transform().toString()) && isTimestamp(type)) {
                // The start of the UTC day in microseconds: ordered as days(ts) is, also before 1970 (pmod >= 0).
                Column micros = unix_micros(col(source));
                key = micros.minus(pmod(micros, lit(MICROS_PER_DAY)));
            } else {
                return Optional.empty();
            }
            order.add(sorted(key, field));
        }
        return Optional.of(new TableWriteOrder(List.copyOf(order)));
    }

    /**
     * The rows of each task sorted in the table's write order, so that each partition's rows come together and
     * each file is sorted. No rows move between tasks: a task writes the rows it parsed (raw files of neighbouring
     * arrival hours, so mostly one day and a narrow range of event times), one file per day. A range shuffle that
     * gave each file a narrow range of types and campaigns cost a third of the write (a sampling pass over every row,
     * then the shuffle itself); maintenance's sorted rewrite gives the table that layout when it merges the small
     * files of a day.
     */
    public Dataset<Row> apply(Dataset<Row> rows) {
        return rows.sortWithinPartitions(order.toArray(new Column[0]));
    }

    /** The sort keys, first to last. */
    List<Column> order() {
        return order;
    }

    private static boolean isTimestamp(Type type) {
        return type instanceof Types.TimestampType;
    }

    private static Column sorted(Column key, SortField field) {
        boolean ascending = field.direction() == SortDirection.ASC;
        boolean nullsFirst = field.nullOrder() == NullOrder.NULLS_FIRST;
        if (ascending) {
            return nullsFirst ? key.asc_nulls_first() : key.asc_nulls_last();
        }
        return nullsFirst ? key.desc_nulls_first() : key.desc_nulls_last();
    }
}
