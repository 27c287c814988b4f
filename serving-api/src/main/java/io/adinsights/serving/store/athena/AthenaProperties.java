package io.adinsights.serving.store.athena;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Athena historical store ({@code insights.historical.store=athena}), validated at start-up; every field from
 * the environment, e.g. {@code INSIGHTS_ATHENA_WORKGROUP}, {@code INSIGHTS_ATHENA_OUTPUT_LOCATION}.
 *
 * @param workgroup          the Athena workgroup (cost controls and limits live there)
 * @param outputLocation     {@code s3://bucket/prefix/} for query results
 * @param database           the Glue database of the lake tables (the lakehouse namespace)
 * @param catalog            the Athena data catalog, {@code AwsDataCatalog} for Glue
 * @param queryTimeout       how long a query may run before it is stopped
 * @param firstPoll          the first wait before asking for the query's state; doubled up to {@code maxPoll}
 * @param maxPoll            the longest wait between two polls
 * @param resultReuseMaxAge  Athena reuses the results of the same query (same snapshot) younger than this
 */
@ConfigurationProperties("insights.athena")
public record AthenaProperties(String workgroup, String outputLocation, String database, String catalog,
        Duration queryTimeout, Duration firstPoll, Duration maxPoll, Duration resultReuseMaxAge) {

    public AthenaProperties {
        workgroup = workgroup == null ? "primary" : workgroup;
        database = database == null ? "adinsights" : database;
        catalog = catalog == null ? "AwsDataCatalog" : catalog;
        queryTimeout = queryTimeout == null ? Duration.ofSeconds(30) : queryTimeout;
        firstPoll = firstPoll == null ? Duration.ofMillis(100) : firstPoll;
        maxPoll = maxPoll == null ? Duration.ofSeconds(1) : maxPoll;
        resultReuseMaxAge = resultReuseMaxAge == null ? Duration.ofMinutes(60) : resultReuseMaxAge;
        if (outputLocation != null && !outputLocation.startsWith("s3://")) {
            throw new IllegalArgumentException("Invalid insights.athena.output-location: " + outputLocation
                    + " (must be s3://bucket/prefix/)");
        }
        if (!database.matches("[a-z0-9_]{1,255}")) {
            throw new IllegalArgumentException("Invalid insights.athena.database: " + database);
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero() || firstPoll.isNegative() || firstPoll.isZero()
                || maxPoll.compareTo(firstPoll) < 0) {
            throw new IllegalArgumentException("Invalid insights.athena timing: timeout " + queryTimeout + ", polls "
                    + firstPoll + " to " + maxPoll);
        }
    }
}
