package io.adinsights.ingestion.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    private static final String A = "{\"eventId\":\"a\",\"nested\":{\"list\":[1,2]}}";
    private static final String B = "{\"eventId\":\"b\"}";
    private final IngestionLimits limits = new IngestionLimits(1024, 3);

    @Test
    void cutsAJsonArrayKeepingEachElementsBytes() {
        assertThat(records(" [ " + A + " ,\n" + B + ", \"x\"]")).containsExactly(A, B, "\"x\"");
        assertThat(records("[42, \"a\\\"b\", null]")).containsExactly("42", "\"a\\\"b\"", "null");
    }

    @Test
    void cutsNewlineDelimitedEventsAndASingleEvent() {
        assertThat(records(A + "\n" + B + "\n")).containsExactly(A, B);
        assertThat(records(B)).containsExactly(B);
        assertThat(records(A + "\nnot json\n")).containsExactly(A, "not json");
    }

    @Test
    void refusesBodiesThatCannotBeCut() {
        assertThat(refused("")).isEqualTo(RequestBody.Problem.EMPTY_BODY);
        assertThat(refused(" \n ")).isEqualTo(RequestBody.Problem.EMPTY_BODY);
        assertThat(refused("[" + A + ",")).isEqualTo(RequestBody.Problem.MALFORMED_ARRAY);
        assertThat(refused("[" + A + "] trailing")).isEqualTo(RequestBody.Problem.MALFORMED_ARRAY);
        assertThat(refused("[" + A + " " + B + "]")).isEqualTo(RequestBody.Problem.MALFORMED_ARRAY);
    }

    @Test
    void enforcesTheLimits() {
        assertThat(refused("[" + B + "," + B + "," + B + "," + B + "]"))
                .isEqualTo(RequestBody.Problem.TOO_MANY_RECORDS);
        assertThat(refused(B + "\n" + B + "\n" + B + "\n" + B)).isEqualTo(RequestBody.Problem.TOO_MANY_RECORDS);
        assertThat(refused("{\"pad\":\"" + "p".repeat(1100) + "\"}")).isEqualTo(RequestBody.Problem.BODY_TOO_LARGE);
        assertThat(records("[" + B + "," + B + "," + B + "]")).hasSize(3);
    }

    private List<String> records(String body) {
        RequestBody.Split split = RequestBody.split(body.getBytes(StandardCharsets.UTF_8), limits);
        assertThat(split).isInstanceOf(RequestBody.Split.Records.class);
        return ((RequestBody.Split.Records) split).records().stream()
                .map(record -> new String(record.bytes(), StandardCharsets.UTF_8)).toList();
    }

    private RequestBody.Problem refused(String body) {
        RequestBody.Split split = RequestBody.split(body.getBytes(StandardCharsets.UTF_8), limits);
        assertThat(split).isInstanceOf(RequestBody.Split.Refused.class);
        return ((RequestBody.Split.Refused) split).problem();
    }
}
