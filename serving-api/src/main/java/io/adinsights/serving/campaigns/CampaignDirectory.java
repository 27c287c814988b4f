package io.adinsights.serving.campaigns;

/**
 * Where the campaign ids a caller may pick from come from. The list is a convenience for people (the dashboard's
 * picker), never a permission: every id is still checked with the caller's access before it is shown.
 */
public interface CampaignDirectory {

    /** The name of the source, as the answer reports it. */
    String source();

    /**
     * The candidate campaign ids, sorted.
     *
     * @throws io.adinsights.serving.store.StoreUnavailableException if the source cannot be read now
     */
    CampaignList campaigns();
}
