package io.adinsights.lakehouse.athena;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The Athena views for data scientists: one {@code CREATE OR REPLACE VIEW} statement each, in the resource
 * {@code athena/views/<view name>.sql}. The statements name the lake tables without a database: run them with the
 * lake's namespace (the Glue database) as the query's database. Running one again replaces its view.
 */
public enum AthenaView {
    /** The batch watermark, from the snapshot history of {@code campaign_metrics_hourly}. */
    BATCH_WATERMARK,
    /** Daily totals per campaign in time zones whose offset is a whole number of hours, built from UTC hours. */
    CAMPAIGN_DAILY_METRICS_BY_ZONE,
    /** Impressions, clicks and click-to-basket per campaign and UTC day, with the rates between the steps. */
    CAMPAIGN_FUNNEL_DAILY,
    /** Campaigns ranked by clicks over the last 7 whole UTC days. */
    TOP_CAMPAIGNS_LAST_7_DAYS;

    private static final String TERMINATOR = ";";

    public String viewName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String resource() {
        return "athena/views/" + viewName() + ".sql";
    }

    /** The statement as Athena's API takes it: one statement, without the terminating semicolon of the file. */
    public String createStatement() {
        String sql = read().strip();
        if (!sql.endsWith(TERMINATOR)) {
            throw new IllegalStateException("The statement in " + resource() + " does not end with " + TERMINATOR);
        }
        return sql.substring(0, sql.length() - TERMINATOR.length()).strip();
    }

    private String read() {
        try (InputStream in = AthenaView.class.getClassLoader().getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource());
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource(), e);
        }
    }
}
