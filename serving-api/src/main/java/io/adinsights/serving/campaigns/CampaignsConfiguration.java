package io.adinsights.serving.campaigns;

import com.datastax.oss.driver.api.core.CqlSession;
import io.adinsights.serving.security.SecurityProperties;
import io.adinsights.serving.store.scylla.ScyllaCampaignDirectory;
import io.adinsights.serving.store.scylla.ScyllaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The campaign list's source, from {@code insights.campaigns.source}. */
@Configuration(proxyBeanMethods = false)
public class CampaignsConfiguration {

    @Bean
    CampaignDirectory campaignDirectory(CampaignsProperties properties, SecurityProperties security,
            CqlSession session, ScyllaProperties scylla) {
        if (properties.source().equals(CampaignsProperties.SOURCE_REALTIME_STORE)) {
            return new ScyllaCampaignDirectory(session, scylla.keyspace(), properties.maxListed(),
                    properties.cacheFor());
        }
        return new OwnedCampaigns(security, properties.maxListed());
    }
}
