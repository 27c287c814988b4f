package io.adinsights.serving.dashboard;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The live dashboard: static files under {@code static/dashboard/} (HTML, vanilla JS, CSS and the pinned Chart.js the
 * build copies in). {@code /dashboard} redirects to {@code /dashboard/} (keeping the query) so that the page's relative
 * links, and its calls to {@code ../ad/...}, also work behind a proxy that adds a path prefix.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardConfiguration implements WebMvcConfigurer {

    /** The paths of the dashboard's page and assets: public, since they hold no data (the API calls need a token). */
    public static final List<String> PATHS = List.of("/dashboard", "/dashboard/", "/dashboard/**");

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", "/dashboard/").setKeepQueryParams(true);
        registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
    }
}
