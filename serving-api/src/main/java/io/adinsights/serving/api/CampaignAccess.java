package io.adinsights.serving.api;

/** Decides whether the caller may read a campaign's metrics. */
public interface CampaignAccess {

    /**
     * @throws CampaignAccessDeniedException if the caller's advertisers do not own the campaign
     */
    void checkCanRead(String campaignId);
}
