package io.adinsights.servers.cql;

import io.adinsights.servers.LocalServerExtension;

/**
 * Gives tests a running {@link CqlServer}, one for the whole test JVM: {@code @ExtendWith(CqlServerExtension.class)},
 * then take a {@code CqlServer} parameter in a constructor, a {@code @BeforeAll} method or a test method.
 */
public final class CqlServerExtension extends LocalServerExtension<CqlServer> {
    public CqlServerExtension() {
        super(CqlServer.class, CqlServer::new);
    }
}
