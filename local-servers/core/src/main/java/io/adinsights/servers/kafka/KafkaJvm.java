package io.adinsights.servers.kafka;

import io.adinsights.servers.process.JavaCommand;
import io.adinsights.servers.process.RuntimeClasspath;
import java.util.ArrayList;
import java.util.List;

/** How to run the Kafka broker and its storage tool in child JVMs. */
final class KafkaJvm {
    static final String CLASSPATH_RESOURCE = "io/adinsights/servers/kafka-runtime.classpath";

    private static final String BROKER_MAIN_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL_MAIN_CLASS = "kafka.tools.StorageTool";

    /** A broker for tests needs little heap; 256 MiB keeps its resident memory near 400 MiB. */
    private static final List<String> BROKER_MEMORY = List.of(
            "-Xms256m", "-Xmx256m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");
    private static final List<String> TOOL_MEMORY = List.of("-Xmx256m");

    private KafkaJvm() {}

    static JavaCommand broker(KafkaConfiguration configuration) {
        return new JavaCommand(BROKER_MAIN_CLASS, RuntimeClasspath.fromResource(CLASSPATH_RESOURCE),
                options(BROKER_MEMORY, configuration), List.of(configuration.propertiesFile().toString()));
    }

    /** Formats the log directory for a new single-node cluster, as {@code kafka-storage.sh format} does. */
    static JavaCommand format(KafkaConfiguration configuration, String clusterId) {
        return new JavaCommand(STORAGE_TOOL_MAIN_CLASS, RuntimeClasspath.fromResource(CLASSPATH_RESOURCE),
                options(TOOL_MEMORY, configuration),
                List.of("format", "--cluster-id", clusterId, "--config", configuration.propertiesFile().toString()));
    }

    private static List<String> options(List<String> memory, KafkaConfiguration configuration) {
        List<String> options = new ArrayList<>(memory);
        options.add("-Djava.awt.headless=true");
        options.add("-Djava.net.preferIPv4Stack=true");
        options.add("-Dlog4j2.configurationFile=" + configuration.log4jFile());
        return options;
    }
}
