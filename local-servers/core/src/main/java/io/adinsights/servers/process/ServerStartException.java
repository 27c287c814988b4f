package io.adinsights.servers.process;

/** A local server did not start, or was not ready in time. The message ends with the tail of the server's log. */
public final class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
