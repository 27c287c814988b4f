package io.adinsights.serving.security;

import static java.util.Objects.requireNonNull;

import io.adinsights.serving.api.CampaignAccess;
import io.adinsights.serving.api.CampaignAccessDeniedException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A caller may read a campaign when one of the advertiser ids in its token's tenant claim owns the campaign
 * ({@link SecurityProperties#campaignOwners}).
 */
public final class JwtCampaignAccess implements CampaignAccess {

    private final SecurityProperties properties;

    public JwtCampaignAccess(SecurityProperties properties) {
        this.properties = requireNonNull(properties, "properties is null");
    }

    @Override
    public void checkCanRead(String campaignId) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new CampaignAccessDeniedException("No token: campaign " + campaignId + " cannot be read");
        }
        List<String> advertisers = jwt.getClaimAsStringList(properties.tenantClaim());
        if (advertisers == null || advertisers.stream().noneMatch(a -> properties.owns(a, campaignId))) {
            throw new CampaignAccessDeniedException("Campaign " + campaignId + " does not belong to the advertisers"
                    + " of this token (claim " + properties.tenantClaim() + ")");
        }
    }
}
