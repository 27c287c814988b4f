package io.adinsights.servers.cql;

import io.adinsights.servers.process.JavaCommand;
import io.adinsights.servers.process.RuntimeClasspath;
import java.util.ArrayList;
import java.util.List;

/** How to run Cassandra in a child JVM: its classpath, main class and the JVM options it needs on Java 17. */
final class CassandraJvm {
    static final String CLASSPATH_RESOURCE = "io/adinsights/servers/cassandra-runtime.classpath";
    static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    /** Cassandra 5.0's {@code conf/jvm17-server.options}: it reaches into JDK internals the module system hides. */
    private static final List<String> MODULE_ACCESS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** A small heap: tests write little, and several servers share a two-core, few-GiB machine. */
    private static final List<String> MEMORY = List.of(
            "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");

    private CassandraJvm() {}

    static JavaCommand command(CassandraConfiguration configuration) {
        List<String> options = new ArrayList<>(MEMORY);
        options.addAll(MODULE_ACCESS);
        options.addAll(List.of(
                "-Djava.net.preferIPv4Stack=true",
                "-Dcassandra-foreground=yes",
                // A single node has no ring to wait for; without these the first start pauses for 30 s.
                "-Dcassandra.ring_delay_ms=0",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.config=" + configuration.yamlFile().toUri(),
                "-Dcassandra.storagedir=" + configuration.storageDirectory(),
                "-Dcassandra.logdir=" + configuration.storageDirectory().resolve("logs"),
                "-Dcassandra.triggers_dir=" + configuration.triggersDirectory(),
                "-Dlogback.configurationFile=" + configuration.logbackFile()));
        return new JavaCommand(MAIN_CLASS, RuntimeClasspath.fromResource(CLASSPATH_RESOURCE), options, List.of());
    }
}
