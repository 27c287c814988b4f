package io.adinsights.serving.store;

/** A store could not answer (down, timed out, circuit open): never turned into a zero. */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
