package io.adinsights.traffic.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.parse.EventParser;
import io.adinsights.schemas.parse.ParseResult;
import io.adinsights.schemas.parse.RawRecord;
import io.adinsights.schemas.parse.RecordReader;
import io.adinsights.schemas.validation.RejectionReason;
import io.adinsights.traffic.oracle.ExpectedDeadLetter;
import io.adinsights.traffic.oracle.OracleSettings;
import io.adinsights.traffic.oracle.TruthOracle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator and the contract agree: the schemas parser reads every valid payload as exactly the event the
 * generator meant, and rejects every malformed payload with exactly the expected reason, on the stream path (one
 * record at a time) and on the raw-zone path (newline-delimited files cut by the record reader).
 */
class ContractCrossCheckTest {

    private static final TrafficConfig CONFIG = TrafficConfig.messy().toBuilder()
            .size(ScenarioSize.SMALL)
            .malformedRate(0.1)
            .oversizedRecords(2)
            .build();
    private static final EventParser PARSER = EventParser.create();

    private static List<Delivery> deliveries;
    private static Instant ingestTime;

    @BeforeAll
    static void generate() {
        deliveries = Scenario.of(CONFIG).stream().toList();
        // The stream's arrival time: after the newest event, long before malformed records' future eventTime.
        ingestTime = deliveries.stream().filter(Delivery::isValid).map(delivery -> delivery.event().eventTime())
                .max(Instant::compareTo).orElseThrow().plus(Duration.ofHours(1));
    }

    @Test
    void producesEveryRejectionReason() {
        Set<RejectionReason> reasons = EnumSet.noneOf(RejectionReason.class);
        deliveries.stream().filter(delivery -> !delivery.isValid())
                .forEach(delivery -> reasons.add(delivery.expectedRejection()));

        assertThat(reasons).containsExactlyInAnyOrder(RejectionReason.values());
    }

    @Test
    void theParserReadsEachPayloadAsTheGeneratorMeantIt() {
        int checked = 0;
        for (Delivery delivery : deliveries) {
            ParseResult result = PARSER.parse(delivery.payload(), ingestTime);
            Object meant = delivery.isValid() ? delivery.event() : delivery.expectedRejection();
            assertThat(outcome(result)).as("%s: %s gave %s", delivery, shown(delivery.payload()), result)
                    .isEqualTo(meant);
            checked++;
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void noPayloadHoldsALineBreak() {
        for (Delivery delivery : deliveries) {
            for (byte b : delivery.payload()) {
                if (b == '\n' || b == '\r') {
                    fail("Line break in " + delivery + ": " + shown(delivery.payload()));
                }
            }
        }
    }

    @Test
    void theRawZonePathReadsBackTheSameEventsAndTheRawZoneDeadLetters() throws IOException {
        ByteArrayOutputStream rawZone = new ByteArrayOutputStream();
        List<AdEvent> sentEvents = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            rawZone.write(delivery.payload());
            rawZone.write('\n');
            if (delivery.isValid()) {
                sentEvents.add(delivery.event());
            }
        }
        List<AdEvent> readEvents = new ArrayList<>();
        List<RejectionReason> readRejections = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(rawZone.toByteArray()))) {
            for (RawRecord record = reader.next(); record != null; record = reader.next()) {
                Object outcome = outcome(PARSER.parse(record, ingestTime));
                if (outcome instanceof AdEvent event) {
                    readEvents.add(event);
                } else {
                    readRejections.add((RejectionReason) outcome);
                }
            }
        }

        assertThat(readEvents).isEqualTo(sentEvents);
        assertThat(readRejections).isEqualTo(TruthOracle.compute(deliveries, OracleSettings.of(CONFIG))
                .rawZoneDeadLetters().stream().map(ExpectedDeadLetter::reason).toList());
    }

    /** The event read, or the reason of the rejection. */
    private static Object outcome(ParseResult result) {
        return result instanceof ParseResult.Valid valid
                ? valid.event()
                : ((ParseResult.Invalid) result).rejection().reason();
    }

    private static String shown(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "... (" + payload.length + " bytes)" : text;
    }
}
