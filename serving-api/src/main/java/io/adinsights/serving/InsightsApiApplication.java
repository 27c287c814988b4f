package io.adinsights.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code insights-api}: the REST API of Ad Insights. */
@SpringBootApplication(proxyBeanMethods = false)
@SuppressWarnings("checkstyle:HideUtilityClassConstructor")
@ConfigurationPropertiesScan
public class InsightsApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(InsightsApiApplication.class, args);
    }
}
