package io.adinsights.servers.kinesis;

import io.adinsights.servers.CommandLine;

/** Runs a {@link KinesisServer} until Ctrl-C: {@code KinesisServerMain [--port 4568] [--data-dir DIR]}. */
public final class KinesisServerMain {
    private KinesisServerMain() {}

    public static void main(String[] args) {
        CommandLine.run(KinesisServerMain.class.getName(), args, KinesisServer::new);
    }
}
