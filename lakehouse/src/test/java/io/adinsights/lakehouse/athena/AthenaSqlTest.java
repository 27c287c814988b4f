package io.adinsights.lakehouse.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.lakehouse.watermark.BatchWatermark;
import io.adinsights.schemas.lake.LakeTables;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.DataType;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.Table;
import io.trino.sql.tree.WithQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * The Athena SQL, checked without Athena: every view and every {@code sql} example of the README parses with the
 * Trino parser (Athena engine 3 is Trino), and every table and column it names exists in {@link LakeTables}, in the
 * Iceberg metadata tables, in our views, or is a name the statement itself introduces.
 */
class AthenaSqlTest {

    private static final Map<String, Schema> LAKE_TABLES = Map.of(
            LakeTables.AD_EVENTS, LakeTables.AD_EVENTS_SCHEMA,
            LakeTables.DEAD_LETTERS, LakeTables.DEAD_LETTERS_SCHEMA,
            LakeTables.CAMPAIGN_METRICS_HOURLY, LakeTables.CAMPAIGN_METRICS_HOURLY_SCHEMA,
            LakeTables.UNATTRIBUTED_BASKETS_HOURLY, LakeTables.UNATTRIBUTED_BASKETS_HOURLY_SCHEMA);
    /** The columns of the Iceberg metadata tables that Athena exposes as {@code "table$name"}. */
    private static final Map<String, Set<String>> METADATA_TABLES = Map.of(
            "snapshots", Set.of("committed_at", "snapshot_id", "parent_id", "operation", "manifest_list", "summary"),
            "history", Set.of("made_current_at", "snapshot_id", "parent_id", "is_current_ancestor"));
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    private final SqlParser parser = new SqlParser();

    @Test
    void everyViewIsOneTerminatedStatementCreatingTheViewItIsNamedFor() throws IOException {
        for (AthenaView view : AthenaView.values()) {
            String file = Files.readString(resources().resolve(view.resource()));
            assertThat(file).as(view.resource()).startsWith("-- ").endsWith(";\n");

            Statement statement = parser.createStatement(view.createStatement());

            assertThat(statement).as(view.resource()).isInstanceOf(CreateView.class);
            CreateView createView = (CreateView) statement;
            assertThat(createView.isReplace()).as("OR REPLACE, so that running it again updates the view").isTrue();
            assertThat(createView.getName().toString()).isEqualTo(view.viewName());
        }
    }

    @Test
    void viewsNameOnlyLakeTablesAndTheirColumns() {
        for (AthenaView view : AthenaView.values()) {
            assertNamesExist(view.resource(), parser.createStatement(view.createStatement()));
        }
    }

    @Test
    void readmeExamplesParseAndNameOnlyExistingTablesAndColumns() throws IOException {
        String readme = Files.readString(moduleDir().resolve("README.md"));
        List<String> statements = new ArrayList<>();
        Matcher block = SQL_BLOCK.matcher(readme);
        while (block.find()) {
            for (String statement : block.group(1).split(";\\s*(\\n|$)")) {
                if (!statement.isBlank()) {
                    statements.add(statement);
                }
            }
        }

        assertThat(statements).hasSizeGreaterThanOrEqualTo(8);
        for (String sql : statements) {
            assertNamesExist(sql, parser.createStatement(sql));
        }
    }

    @Test
    void theWatermarkViewReadsTheWatermarkPropertyOfTheJavaReader() {
        Statement statement = parser.createStatement(AthenaView.BATCH_WATERMARK.createStatement());

        List<String> literals = new ArrayList<>();
        walk(statement, node -> {
            if (node instanceof StringLiteral literal) {
                literals.add(literal.getValue());
            }
        });
        assertThat(literals).isNotEmpty().containsOnly(BatchWatermark.SUMMARY_PROPERTY);
    }

    private void assertNamesExist(String source, Statement statement) {
        Set<String> introduced = new HashSet<>();
        Set<String> columns = new HashSet<>();
        List<String> tables = new ArrayList<>();
        walk(statement, node -> {
            if (node instanceof Table table) {
                tables.add(table.getName().getSuffix());
            } else if (node instanceof AliasedRelation relation) {
                introduced.add(name(relation.getAlias()));
                if (relation.getColumnNames() != null) {
                    relation.getColumnNames().forEach(column -> introduced.add(name(column)));
                }
            } else if (node instanceof SingleColumn column) {
                column.getAlias().ifPresent(alias -> introduced.add(name(alias)));
            } else if (node instanceof WithQuery with) {
                introduced.add(name(with.getName()));
            }
        });
        Map<String, Set<String>> known = knownTables();
        Set<String> available = new HashSet<>(introduced);
        for (String table : tables) {
            if (introduced.contains(table.toLowerCase(Locale.ROOT))) {
                continue;
            }
            assertThat(known).as("table %s in %s", table, source).containsKey(table.toLowerCase(Locale.ROOT));
            available.addAll(known.get(table.toLowerCase(Locale.ROOT)));
        }
        walk(statement, node -> {
            if (node instanceof Identifier identifier) {
                columns.add(name(identifier));
            } else if (node instanceof DereferenceExpression dereference) {
                dereference.getField().ifPresent(field -> columns.add(name(field)));
            }
        });
        assertThat(available).as("columns and names known to %s", source).containsAll(columns);
    }

    /** The lake tables, their metadata tables, the views (by their output columns) and WITH queries by name. */
    private Map<String, Set<String>> knownTables() {
        Map<String, Set<String>> known = new HashMap<>();
        LAKE_TABLES.forEach((table, schema) -> {
            known.put(table, columnNames(schema));
            METADATA_TABLES.forEach((metadata, columns) -> known.put(table + "$" + metadata, columns));
        });
        for (AthenaView view : AthenaView.values()) {
            known.put(view.viewName(), outputColumns((CreateView) parser.createStatement(view.createStatement())));
        }
        return known;
    }

    private static Set<String> outputColumns(CreateView view) {
        Set<String> columns = new HashSet<>();
        QuerySpecification select = (QuerySpecification) view.getQuery().getQueryBody();
        select.getSelect().getSelectItems().forEach(item -> {
            SingleColumn column = (SingleColumn) item;
            if (column.getAlias().isPresent()) {
                columns.add(name(column.getAlias().get()));
            } else if (column.getExpression() instanceof Identifier identifier) {
                columns.add(name(identifier));
            } else if (column.getExpression() instanceof DereferenceExpression dereference) {
                columns.add(name(dereference.getField().orElseThrow()));
            }
        });
        return columns;
    }

    private static Set<String> columnNames(Schema schema) {
        Set<String> names = new HashSet<>();
        schema.columns().stream().map(Types.NestedField::name).forEach(names::add);
        return names;
    }

    private static String name(Identifier identifier) {
        return identifier.getValue().toLowerCase(Locale.ROOT);
    }

    /** Every node of the tree except type names, which are identifiers too (CAST(x AS double)) but no columns. */
    private static void walk(Node node, Consumer<Node> visitor) {
        if (node instanceof DataType) {
            return;
        }
        visitor.accept(node);
        for (Node child : node.getChildren()) {
            walk(child, visitor);
        }
    }

    private static Path moduleDir() {
        return Paths.get(System.getProperty("adinsights.build.dir", "target")).toAbsolutePath().getParent();
    }

    private static Path resources() {
        return moduleDir().resolve("src/main/resources");
    }
}
