package io.adinsights.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.traffic.oracle.MetricsTruth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Writes the speed layer's truth into the CQL tables, as the speed layer would (whole totals, by period). */
final class ScyllaFixture {

    private static final int IN_FLIGHT = 256;

    private ScyllaFixture() {
    }

    static void createSchema(CqlSession session, String keyspace) {
        CqlSchema.createStatements(keyspace, CqlSchema.simpleReplication(1)).forEach(session::execute);
    }

    /** Writes every row of the campaigns. */
    static void fill(CqlSession session, String keyspace, MetricsTruth speed, Set<String> campaigns) {
        List<CompletionStage<?>> pending = new ArrayList<>();
        for (Granularity granularity : Granularity.values()) {
            MetricTable campaignTable = MetricTable.of(granularity, MetricTable.Level.CAMPAIGN);
            PreparedStatement campaign = session.prepare("INSERT INTO " + keyspace + "." + campaignTable.tableName()
                    + " (campaign_id, period, bucket_start, impressions, clicks, click_to_basket)"
                    + " VALUES (?, ?, ?, ?, ?, ?)");
            speed.campaignRows(granularity).forEach((key, c) -> send(campaigns.contains(key.campaignId()), session,
                    pending, campaign.bind(key.campaignId(),
                    campaignTable.periodOf(key.bucketStart()), key.bucketStart(), c.impressions(), c.clicks(),
                    c.clickToBasket())));
            MetricTable adTable = MetricTable.of(granularity, MetricTable.Level.AD);
            PreparedStatement ad = session.prepare("INSERT INTO " + keyspace + "." + adTable.tableName()
                    + " (campaign_id, period, ad_id, bucket_start, impressions, clicks, click_to_basket)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)");
            speed.adRows(granularity).forEach((key, c) -> send(campaigns.contains(key.campaignId()), session,
                    pending, ad.bind(key.campaignId(),
                    adTable.periodOf(key.bucketStart()), key.adId(), key.bucketStart(), c.impressions(), c.clicks(),
                    c.clickToBasket())));
        }
        pending.forEach(stage -> stage.toCompletableFuture().join());
    }

    static void progress(CqlSession session, String keyspace, String layer, Instant watermark) {
        session.execute(session.prepare("INSERT INTO " + keyspace + "." + CqlSchema.PROGRESS_TABLE
                + " (layer, watermark, updated_at) VALUES (?, ?, ?)").bind(layer, watermark, watermark));
    }

    private static void send(boolean wanted, CqlSession session, List<CompletionStage<?>> pending,
            com.datastax.oss.driver.api.core.cql.BoundStatement statement) {
        if (!wanted) {
            return;
        }
        if (pending.size() >= IN_FLIGHT) {
            pending.forEach(stage -> stage.toCompletableFuture().join());
            pending.clear();
        }
        pending.add(session.executeAsync(statement));
    }
}
