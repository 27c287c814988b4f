package io.adinsights.servers.process;

/** Asks a starting server whether it serves clients yet. Any exception means "not yet". */
@FunctionalInterface
public interface ReadinessProbe {
    boolean isReady() throws Exception;
}
