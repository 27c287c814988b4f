package io.adinsights.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.adinsights.schemas.event.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published JSON Schema is what producers use: it must be a valid schema and agree with the Java model. */
class ContractSchemaTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void isAValidDraft202012Schema() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        List<Error> errors = registry
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"))
                .validate(schemaText(), InputFormat.JSON);

        assertThat(errors).isEmpty();
    }

    @Test
    void listsExactlyTheJavaEventTypes() throws IOException {
        JsonNode types = mapper.readTree(schemaText()).path("properties").path("eventType").path("enum");

        assertThat(types.valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    }

    private static String schemaText() throws IOException {
        try (InputStream in = EventParser.class.getResourceAsStream(EventParser.SCHEMA_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
