package io.adinsights.servers.kafka;

import io.adinsights.servers.CommandLine;

/** Runs a {@link KafkaServer} until Ctrl-C: {@code KafkaServerMain [--port 9092] [--data-dir DIR]}. */
public final class KafkaServerMain {
    private KafkaServerMain() {}

    public static void main(String[] args) {
        CommandLine.run(KafkaServerMain.class.getName(), args, KafkaServer::new);
    }
}
