package io.adinsights.schemas.parse;

import static java.util.Objects.requireNonNull;

import io.adinsights.schemas.event.AdEvent;
import io.adinsights.schemas.validation.Rejection;

/** The outcome of parsing one record: a valid event, or the reason it is not one. */
public sealed interface ParseResult {

    /** A record that is a valid event. */
    record Valid(AdEvent event) implements ParseResult {
        public Valid {
            requireNonNull(event, "event is null");
        }
    }

    /** A record that is not a valid event. */
    record Invalid(Rejection rejection) implements ParseResult {
        public Invalid {
            requireNonNull(rejection, "rejection is null");
        }
    }
}
