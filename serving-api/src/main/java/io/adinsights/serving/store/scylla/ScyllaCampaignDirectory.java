package io.adinsights.serving.store.scylla;

import static java.util.Objects.requireNonNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.adinsights.schemas.cql.CqlSchema;
import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.serving.campaigns.CampaignDirectory;
import io.adinsights.serving.campaigns.CampaignList;
import io.adinsights.serving.campaigns.CampaignsProperties;
import io.adinsights.serving.store.StoreUnavailableException;
import java.time.Duration;
import java.util.TreeSet;

/**
 * The campaigns present in the speed layer's hourly campaign table. The table is keyed by {@code (campaign_id,
 * period)}, so no query lists campaigns cheaply: this reads the distinct partition keys of the whole table (at most
 * two monthly partitions per campaign under the 30-day TTL), page by page, and stops at the limit. Fit for one machine
 * and small clusters; one read answers for {@code cacheFor}.
 */
public final class ScyllaCampaignDirectory implements CampaignDirectory {

    private static final int PAGE_SIZE = 1000;

    private final CqlSession session;
    private final SimpleStatement partitions;
    private final int maxListed;
    private final LoadingCache<Boolean, CampaignList> cache;

    public ScyllaCampaignDirectory(CqlSession session, String keyspace, int maxListed, Duration cacheFor) {
        this.session = requireNonNull(session, "session is null");
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(cacheFor, "cacheFor is null");
        if (maxListed < 1) {
            throw new IllegalArgumentException("Invalid maxListed: " + maxListed + " (must be >= 1)");
        }
        this.maxListed = maxListed;
        this.partitions = SimpleStatement.builder("SELECT DISTINCT " + CqlSchema.CAMPAIGN_ID + ", " + CqlSchema.PERIOD
                        + " FROM " + keyspace + "." + MetricTable.CAMPAIGN_BY_HOUR.tableName())
                .setPageSize(PAGE_SIZE).setIdempotence(true).build();
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(1).build(key -> read());
    }

    @Override
    public String source() {
        return CampaignsProperties.SOURCE_REALTIME_STORE;
    }

    @Override
    public CampaignList campaigns() {
        return cache.get(Boolean.TRUE);
    }

    private CampaignList read() {
        TreeSet<String> ids = new TreeSet<>();
        try {
            for (Row row : session.execute(partitions)) {
                ids.add(row.getString(CqlSchema.CAMPAIGN_ID));
                if (ids.size() > maxListed) {
                    ids.pollLast();
                    return new CampaignList(ids.stream().toList(), false);
                }
            }
        } catch (DriverException e) {
            throw new StoreUnavailableException("ScyllaDB cannot list campaigns: " + e.getMessage(), e);
        }
        return new CampaignList(ids.stream().toList(), true);
    }
}
