package io.adinsights.serving.api;

/** The caller is authenticated but may not read this campaign: a 403. */
public final class CampaignAccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CampaignAccessDeniedException(String message) {
        super(message);
    }
}
