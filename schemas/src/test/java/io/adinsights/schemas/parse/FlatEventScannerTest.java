package io.adinsights.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner takes the flat records that nearly all are and leaves every other shape to the Jackson tier; that what
 * it takes parses to the schema path's event is checked by {@link EventParserFastPathTest}, which goes through it.
 */
class FlatEventScannerTest {

    private static final String CLICK = "\"eventId\":\"e-1\",\"eventType\":\"click\","
            + "\"eventTime\":\"2026-03-29T01:00:00Z\",\"campaignId\":\"c\",\"adId\":\"a\"";

    @Test
    void readsTheFieldsOfAFlatRecord() {
        FlatEventScanner flat = FlatEventScanner.scan(bytes(" {\"eventId\" : \"e-1\",\t\"eventType\":\"add_to_basket\","
                + "\"eventTime\":\"2026-03-29T01:00:00.5+02:00\",\"clickId\":\"k-\u00e9\",\"quantity\":12,"
                + "\"placement\":\"\",\"schemaVersion\":1}\r\n"));

        assertThat(flat).isNotNull();
        assertThat(flat.strings).containsExactly("e-1", "add_to_basket", "2026-03-29T01:00:00.5+02:00", null, null,
                "k-\u00e9", null, null, null, "");
        assertThat(flat.quantity).isEqualTo(12);
        assertThat(flat.schemaVersion).isEqualTo(1);
    }

    @Test
    void readsTheRecordsOfProducersWithoutFloats() {
        List<byte[]> records = EventCorpus.randomValid(7, 2_000);
        List<String> notRead = new ArrayList<>();
        int withFloats = 0;
        for (byte[] record : records) {
            String text = new String(record, StandardCharsets.UTF_8);
            // The corpus' "ctx" extra field holds a float, left to the Jackson tier.
            boolean floats = text.contains("\"ctx\"");
            withFloats += floats ? 1 : 0;
            if (!floats && FlatEventScanner.scan(record) == null) {
                notRead.add(text);
            }
        }

        assertThat(notRead).isEmpty();
        assertThat(withFloats).isBetween(200, 700);
    }

    @Test
    void writesExtraFieldsCompactInRecordOrder() {
        FlatEventScanner flat = FlatEventScanner.scan(bytes("{\"z\" : [ 1 , -20, true,false , null,{ }, [] ],"
                + CLICK + ", \"app\":\"B\u00e4ckerei\", \"device\": {\"os\":\"ios\", \"screen\":{\"w\":0}}}"));

        assertThat(flat).isNotNull();
        assertThat(flat.extraFieldsJson).isEqualTo("{\"z\":[1,-20,true,false,null,{},[]],\"app\":\"B\u00e4ckerei\","
                + "\"device\":{\"os\":\"ios\",\"screen\":{\"w\":0}}}");
        assertThat(flat.strings[0]).isEqualTo("e-1");
        assertThat(FlatEventScanner.scan(bytes("{" + CLICK + "}")).extraFieldsJson).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + CLICK + ",\"eventId\":\"e-2\"}", // a repeated name
        "{" + CLICK + ",\"userId\":\"u\\\"1\"}", // an escape in a value
        "{\"event\\u0049d\":\"e-1\"}", // an escape in a name
        "{" + CLICK + ",\"userId\":null}",
        "{" + CLICK + ",\"userId\":1}",
        "{" + CLICK + ",\"quantity\":1.0}",
        "{" + CLICK + ",\"quantity\":1e2}",
        "{" + CLICK + ",\"quantity\":01}",
        "{" + CLICK + ",\"quantity\":-1}",
        "{" + CLICK + ",\"quantity\":0}",
        "{" + CLICK + ",\"quantity\":1234567890}",
        "{" + CLICK + ",\"quantity\":\"2\"}",
        "{" + CLICK + ",\"sdk\":\"x\",\"sdk\":\"y\"}", // a repeated extra name
        "{" + CLICK + ",\"ctx\":{\"a\":1,\"a\":2}}", // a repeated name inside an extra value
        "{" + CLICK + ",\"ctx\":1.5}",
        "{" + CLICK + ",\"ctx\":2E3}",
        "{" + CLICK + ",\"ctx\":-0}",
        "{" + CLICK + ",\"ctx\":007}",
        "{" + CLICK + ",\"ctx\":1234567890123456789}",
        "{" + CLICK + ",\"ctx\":\"a\\nb\"}",
        "{" + CLICK + ",\"ctx\":nul}",
        "{" + CLICK + ",\"ctx\":truex}",
        "{" + CLICK + ",\"ctx\":[1,]}",
        "{" + CLICK + ",\"ctx\":{\"a\":1,}}",
        "{" + CLICK + ",\"ctx\":[[[[[[[[[1]]]]]]]]]}", // deeper than the scanner goes
        "{" + CLICK + ",}",
        "{" + CLICK + "} x",
        "{" + CLICK + "}}",
        "{" + CLICK,
        "{" + CLICK + ",\"userId\":\"u\u00011\"}", // a raw control character
        "{'eventId':'e-1'}",
        "[{" + CLICK + "}]",
        "\u00a0{" + CLICK + "}", // not JSON whitespace
    })
    void leavesEveryOtherShapeToTheJacksonTier(String record) {
        assertThat(FlatEventScanner.scan(bytes(record))).isNull();
    }

    @Test
    void noPrefixOfARecordIsTakenOrThrows() {
        // Stream records are not cut by the record reader: a record may end anywhere, e.g. right after a minus.
        String record = "{" + CLICK + ",\"n\":-12,\"z\":[0,-3,true,null,{\"a\":\"b\"},[]],\"t\":false,"
                + "\"quantity\":3,\"schemaVersion\":1}";
        byte[] bytes = bytes(record);

        EventParser parser = EventParser.create();
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThat(FlatEventScanner.scan(prefix)).as("first %d bytes", length).isNull();
            assertThat(parser.parse(prefix, EventCorpus.INGEST)).as("first %d bytes", length)
                    .isInstanceOf(ParseResult.Invalid.class);
        }
        assertThat(FlatEventScanner.scan(bytes)).isNotNull();
    }

    @Test
    void aFlatRecordIsReadEvenWhenItsValuesAreNotValid() {
        // The scanner only collects: the checks of FastEventReader and the schema path decide on the values.
        FlatEventScanner flat = FlatEventScanner.scan(bytes("{\"eventType\":\"nope\",\"eventTime\":\"soon\"}"));

        assertThat(flat).isNotNull();
        assertThat(flat.strings[1]).isEqualTo("nope");
        assertThat(FlatEventScanner.scan(bytes("{}"))).isNotNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
