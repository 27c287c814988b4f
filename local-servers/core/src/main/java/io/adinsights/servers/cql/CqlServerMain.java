package io.adinsights.servers.cql;

import io.adinsights.servers.CommandLine;

/** Runs a {@link CqlServer} until Ctrl-C: {@code CqlServerMain [--port 9042] [--data-dir DIR]}. */
public final class CqlServerMain {
    private CqlServerMain() {}

    public static void main(String[] args) {
        CommandLine.run(CqlServerMain.class.getName(), args, CqlServer::new);
    }
}
