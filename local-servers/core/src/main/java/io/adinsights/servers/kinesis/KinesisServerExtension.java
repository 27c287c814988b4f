package io.adinsights.servers.kinesis;

import io.adinsights.servers.LocalServerExtension;

/**
 * Gives tests a running {@link KinesisServer}, one for the whole test JVM:
 * {@code @ExtendWith(KinesisServerExtension.class)}, then take a {@code KinesisServer} parameter in a constructor, a
 * {@code @BeforeAll} method or a test method.
 */
public final class KinesisServerExtension extends LocalServerExtension<KinesisServer> {
    public KinesisServerExtension() {
        super(KinesisServer.class, KinesisServer::new);
    }
}
