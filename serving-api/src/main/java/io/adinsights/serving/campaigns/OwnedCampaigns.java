package io.adinsights.serving.campaigns;

import static java.util.Objects.requireNonNull;

import io.adinsights.serving.security.SecurityProperties;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The exact campaign ids of {@code insights.security.campaign-owners} (prefixes cannot be listed). Reads nothing: the
 * default source, fit for any deployment.
 */
public final class OwnedCampaigns implements CampaignDirectory {

    private final CampaignList campaigns;

    public OwnedCampaigns(SecurityProperties security, int maxListed) {
        requireNonNull(security, "security is null");
        TreeSet<String> ids = new TreeSet<>();
        security.campaignOwners().values().stream().flatMap(Collection::stream)
                .filter(pattern -> !pattern.endsWith("*"))
                .forEach(ids::add);
        this.campaigns = new CampaignList(ids.stream().limit(maxListed).toList(), ids.size() <= maxListed);
    }

    @Override
    public String source() {
        return CampaignsProperties.SOURCE_OWNERS;
    }

    @Override
    public CampaignList campaigns() {
        return campaigns;
    }
}
