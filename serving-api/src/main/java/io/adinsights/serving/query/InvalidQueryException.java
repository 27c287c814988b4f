package io.adinsights.serving.query;

import static java.util.Objects.requireNonNull;

/** A request the API cannot answer as asked: a 400 that names the field and says why. */
public final class InvalidQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidQueryException(String field, String message) {
        super(requireNonNull(message, "message is null"));
        this.field = requireNonNull(field, "field is null");
    }

    /** The request parameter (or path variable) at fault. */
    public String field() {
        return field;
    }
}
