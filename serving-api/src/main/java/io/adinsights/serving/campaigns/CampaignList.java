package io.adinsights.serving.campaigns;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Campaign ids, sorted.
 *
 * @param ids      the ids
 * @param complete false when the source holds more than it listed (the list stopped at its limit)
 */
public record CampaignList(List<String> ids, boolean complete) {

    public CampaignList {
        ids = List.copyOf(requireNonNull(ids, "ids is null"));
    }
}
