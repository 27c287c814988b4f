package io.adinsights.servers;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one running server of type {@code S} into test constructors, lifecycle methods and test methods. The
 * server is started on first use and shared by every test of the JVM: it lives in the root context's store, which
 * closes it (and so stops it) once, when the whole test run ends.
 */
public abstract class LocalServerExtension<S extends LocalServer> implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalServerExtension.class);

    private final Class<S> serverType;
    private final Supplier<S> newServer;

    protected LocalServerExtension(Class<S> serverType, Supplier<S> newServer) {
        this.serverType = requireNonNull(serverType, "serverType is null");
        this.newServer = requireNonNull(newServer, "newServer is null");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType().equals(serverType);
    }

    @Override
    public S resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(serverType, type -> startServer(), serverType);
    }

    private S startServer() {
        S server = newServer.get();
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
