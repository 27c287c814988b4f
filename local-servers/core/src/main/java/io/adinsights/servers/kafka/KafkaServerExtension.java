package io.adinsights.servers.kafka;

import io.adinsights.servers.LocalServerExtension;

/**
 * Gives tests a running {@link KafkaServer}, one for the whole test JVM:
 * {@code @ExtendWith(KafkaServerExtension.class)}, then take a {@code KafkaServer} parameter in a constructor, a
 * {@code @BeforeAll} method or a test method.
 */
public final class KafkaServerExtension extends LocalServerExtension<KafkaServer> {
    public KafkaServerExtension() {
        super(KafkaServer.class, KafkaServer::new);
    }
}
