package io.adinsights.serving.security;

import io.adinsights.serving.api.CampaignAccess;
import io.adinsights.serving.dashboard.DashboardConfiguration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * OAuth2 resource server: every metrics request needs a valid JWT (signature, issuer, expiry) with the required scope,
 * and the campaign must belong to one of the token's advertisers. Health, API docs and the dashboard's static files
 * are open (the dashboard's own calls to the API carry the token). With
 * {@code insights.security.enabled=false} (the {@code dev} profile only; refused under {@code stage} and {@code prod})
 * everything is open.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final List<String> SECURED_PROFILES = List.of("stage", "prod");
    private static final String[] OPEN_PATHS = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus",
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, Environment environment)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (properties.enabled()) {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers(OPEN_PATHS).permitAll()
                            .requestMatchers(DashboardConfiguration.PATHS.toArray(String[]::new)).permitAll()
                            .requestMatchers("/ad/**", "/campaigns").hasAuthority("SCOPE_" + properties.requiredScope())
                            .anyRequest().authenticated())
                    .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                            .authenticationEntryPoint(ProblemResponses.unauthorized())
                            .accessDeniedHandler(ProblemResponses.forbidden()))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemResponses.unauthorized())
                            .accessDeniedHandler(ProblemResponses.forbidden()));
        } else {
            List<String> secured = Arrays.stream(environment.getActiveProfiles())
                    .filter(SECURED_PROFILES::contains).toList();
            if (!secured.isEmpty()) {
                throw new IllegalStateException("insights.security.enabled=false is refused under profile " + secured);
            }
            LOG.warn("*** AUTHENTICATION IS OFF (insights.security.enabled=false): every caller reads every"
                    + " campaign. Development only. ***");
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        }
        return http.build();
    }

    @Bean
    CampaignAccess campaignAccess(SecurityProperties properties) {
        if (properties.enabled()) {
            return new JwtCampaignAccess(properties);
        }
        return campaignId -> { };
    }
}
