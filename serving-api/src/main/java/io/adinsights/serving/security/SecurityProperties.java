package io.adinsights.serving.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read what, validated at start-up. The token's issuer and keys are Spring's standard settings
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri}, e.g. Cognito or Okta).
 *
 * @param enabled        false only in the {@code dev} profile: then every request is let through (logged loudly)
 * @param requiredScope  the scope a token must carry to read metrics (authority {@code SCOPE_<scope>})
 * @param tenantClaim    the claim listing the advertiser ids the caller acts for
 * @param campaignOwners advertiser id to the campaigns it owns: exact ids, or prefixes ending with {@code *}
 */
@ConfigurationProperties("insights.security")
public record SecurityProperties(Boolean enabled, String requiredScope, String tenantClaim,
        Map<String, List<String>> campaignOwners) {

    public static final String REQUIRED_SCOPE_DEFAULT = "insights.read";
    public static final String TENANT_CLAIM_DEFAULT = "advertiser_ids";

    public SecurityProperties {
        enabled = enabled == null || enabled;
        requiredScope = requiredScope == null ? REQUIRED_SCOPE_DEFAULT : requiredScope;
        tenantClaim = tenantClaim == null ? TENANT_CLAIM_DEFAULT : tenantClaim;
        campaignOwners = campaignOwners == null ? Map.of() : Map.copyOf(campaignOwners);
        if (requiredScope.isBlank() || tenantClaim.isBlank()) {
            throw new IllegalArgumentException("Invalid insights.security: required-scope and tenant-claim must not"
                    + " be blank");
        }
        campaignOwners.forEach((advertiser, patterns) -> patterns.forEach(pattern -> {
            if (pattern.isBlank() || pattern.indexOf('*') >= 0 && pattern.indexOf('*') != pattern.length() - 1) {
                throw new IllegalArgumentException("Invalid insights.security.campaign-owners." + advertiser + ": '"
                        + pattern + "' (an id, or a prefix ending with *)");
            }
        }));
    }

    /** Whether an advertiser owns the campaign under {@link #campaignOwners}. */
    public boolean owns(String advertiserId, String campaignId) {
        return campaignOwners.getOrDefault(advertiserId, List.of()).stream().anyMatch(pattern ->
                pattern.endsWith("*") ? campaignId.startsWith(pattern.substring(0, pattern.length() - 1))
                        : pattern.equals(campaignId));
    }
}
