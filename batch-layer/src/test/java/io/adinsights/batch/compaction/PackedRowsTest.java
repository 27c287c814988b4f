package io.adinsights.batch.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class PackedRowsTest {

    /** One row writer for all rows, as the parser has: each row must be copied before the next is written. */
    private final UnsafeRowWriter writer = new UnsafeRowWriter(2, 64);

    @Test
    void keepsEveryRowAfterTheWritersBufferIsReused() {
        PackedRows packed = new PackedRows(2, 1024);
        for (long number = 0; number < 20; number++) {
            assertThat(packed.add(row(number, "row-" + number + "-" + "x".repeat((int) number)))).isTrue();
        }

        List<String> rows = read(packed);
        assertThat(rows).hasSize(20);
        assertThat(rows.get(0)).isEqualTo("0:row-0-");
        assertThat(rows.get(19)).isEqualTo("19:row-19-" + "x".repeat(19));
    }

    @Test
    void refusesARowThatDoesNotFitAndKeepsTheOthers() {
        PackedRows packed = new PackedRows(2, 100);
        assertThat(packed.add(row(1, "a".repeat(40)))).isTrue();

        assertThat(packed.add(row(2, "b".repeat(40)))).isFalse();
        assertThat(packed.rowCount()).isEqualTo(1);
        assertThat(read(packed)).containsExactly("1:" + "a".repeat(40));
    }

    @Test
    void takesARowLargerThanItsArrayWhenEmpty() {
        PackedRows packed = new PackedRows(2, 16);

        assertThat(packed.add(row(7, "c".repeat(1000)))).isTrue();
        assertThat(packed.add(row(8, "d"))).isFalse();
        assertThat(read(packed)).containsExactly("7:" + "c".repeat(1000));
    }

    @Test
    void growsItsRowIndexPastTheTypicalRowCount() {
        PackedRows packed = new PackedRows(2, 4 << 20);
        int count = 0;
        while (packed.add(row(count, ""))) {
            count++;
        }

        // Rows of 24 bytes (null bits and two 8-byte slots): ten times the rows of 256 bytes an array is made for.
        assertThat(row(0, "").getSizeInBytes()).isEqualTo(24);
        assertThat(count).isEqualTo((4 << 20) / 24);
        List<String> rows = read(packed);
        assertThat(rows).hasSize(count);
        assertThat(rows.get(count - 1)).isEqualTo((count - 1) + ":");
    }

    @Test
    void trimmingKeepsTheRows() {
        PackedRows packed = new PackedRows(2, 4096);
        packed.add(row(1, "one"));
        packed.add(row(2, "two"));

        assertThat(read(packed.trimmed())).containsExactly("1:one", "2:two");
    }

    @Test
    void iteratorEndsAfterTheLastRow() {
        PackedRows packed = new PackedRows(2, 64);
        packed.add(row(1, "x"));
        Iterator<InternalRow> rows = packed.rows();
        rows.next();

        assertThat(rows.hasNext()).isFalse();
        assertThatThrownBy(rows::next).isInstanceOf(NoSuchElementException.class);
    }

    private UnsafeRow row(long number, String text) {
        writer.reset();
        writer.zeroOutNullBytes();
        writer.write(0, number);
        writer.write(1, UTF8String.fromString(text));
        return writer.getRow();
    }

    private static List<String> read(PackedRows packed) {
        List<String> rows = new ArrayList<>();
        packed.rows().forEachRemaining(row -> rows.add(row.getLong(0) + ":" + row.getUTF8String(1)));
        return rows;
    }
}
