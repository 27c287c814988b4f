package io.adinsights.batch.compaction;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SortOrderUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The order of a table's rows within each of its data files, its sort order, as plain Spark columns: for a write
 * whose rows Iceberg keeps apart by partition itself, with its fanout writer (a file open per partition of the task).
 *
 * <p>Why: the order Iceberg asks of a write puts the partitions first ({@link SortOrderUtil#buildSortOrder(Table)}),
 * and Spark evaluates it as written: Iceberg's {@code days(ts)} turns every timestamp into an {@code OffsetDateTime} on
 * each call, at every comparison of the sort, which spent a third of a sorted write's CPU on {@code ad_events}. The
 * fanout writer needs no partition order: each file gets its rows in the sort order all the same, as a subsequence of
 * the task's sorted rows. (The day as an integer column cost a copy of every row to drop the column again before the
 * write; as integer arithmetic in the sort, a 64-bit division at every comparison.) Only identity fields are
 * translated; for a sort order with any other transform the write keeps Iceberg's own order.
 */
public final class TableWriteOrder {

    private final List<Column> order;

    private TableWriteOrder(List<Column> order) {
        this.order = order;
    }

    /** The table's sort order in plain columns, or empty when it has a field this class does not translate. */
    public static Optional<TableWriteOrder> of(Table table) {
        requireNonNull(table, "table is null");
        List<Column> order = new ArrayList<>();
        for (SortField field : table.sortOrder().fields()) {
            if (!field.transform().isIdentity()) {
                return Optional.empty();
            }
            order.add(sorted(col(table.schema().findColumnName(field.sourceId())), field));
        }
        return Optional.of(new TableWriteOrder(List.copyOf(order)));
    }

    /**
     * The rows of each task sorted in the table's sort order, so that each file the fanout writer opens, one per
     * partition, is sorted. No rows move between tasks: a task writes the rows it parsed (raw files of neighbouring
     * arrival hours, so mostly one day and a narrow range of event times), one file per day. A range shuffle that
     * gave each file a narrow range of types and campaigns cost a third of the write (a sampling pass over every row,
     * then the shuffle itself); maintenance's sorted rewrite gives the table that layout when it merges the small
     * files of a day.
     */
    public Dataset<Row> apply(Dataset<Row> rows) {
        return order.isEmpty() ? rows : rows.sortWithinPartitions(order.toArray(new Column[0]));
    }

    /** The sort keys, first to last. */
    List<Column> order() {
        return order;
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
