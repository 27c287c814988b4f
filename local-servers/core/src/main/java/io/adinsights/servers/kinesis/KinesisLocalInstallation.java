package io.adinsights.servers.kinesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the kinesis-local npm package is installed. The build runs {@code npm ci} in {@code local-servers/core/
 * kinesis-local} and records the path of its {@code main.js} in a resource; the system property
 * {@value #MAIN_JS_PROPERTY} or the environment variable {@value #MAIN_JS_ENV} point elsewhere.
 */
final class KinesisLocalInstallation {
    static final String MAIN_JS_PROPERTY = "adinsights.kinesis-local.main";
    static final String MAIN_JS_ENV = "KINESIS_LOCAL_MAIN";

    private static final String RESOURCE = "kinesis-local.properties";
    private static final String RESOURCE_KEY = "main.js";
    /** The package's self-signed certificate, which it otherwise looks for in the working directory. */
    private static final String CERTIFICATE = "server.json";

    private final Path mainJs;

    private KinesisLocalInstallation(Path mainJs) {
        this.mainJs = mainJs;
    }

    /**
     * The installation to use.
     *
     * @throws IllegalStateException if {@code main.js} is not where the configuration says
     */
    static KinesisLocalInstallation locate() {
        String configured = System.getProperty(MAIN_JS_PROPERTY, System.getenv(MAIN_JS_ENV));
        Path mainJs = Path.of(configured == null ? recordedAtBuildTime() : configured).toAbsolutePath();
        if (!Files.isRegularFile(mainJs)) {
            throw new IllegalStateException("kinesis-local is not installed at " + mainJs + ": build local-servers"
                    + " (it runs npm ci), or set -D" + MAIN_JS_PROPERTY + " or " + MAIN_JS_ENV + " to its main.js");
        }
        return new KinesisLocalInstallation(mainJs);
    }

    private static String recordedAtBuildTime() {
        Properties properties = new Properties();
        try (InputStream in = KinesisLocalInstallation.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing from the local-servers jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + RESOURCE, e);
        }
        return properties.getProperty(RESOURCE_KEY);
    }

    Path mainJs() {
        return mainJs;
    }

    Path certificate() {
        return mainJs.resolveSibling(CERTIFICATE);
    }
}
