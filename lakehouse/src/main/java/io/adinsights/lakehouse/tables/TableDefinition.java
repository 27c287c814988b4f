package io.adinsights.lakehouse.tables;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;

/** One lake table as created: its schema, partitioning and sort order from {@code LakeTables}, and its properties. */
public record TableDefinition(
        String name, Schema schema, PartitionSpec spec, SortOrder sortOrder, Map<String, String> properties) {

    public TableDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(sortOrder, "sortOrder is null");
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    }
}
