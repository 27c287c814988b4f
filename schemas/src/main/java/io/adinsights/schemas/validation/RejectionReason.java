package io.adinsights.schemas.validation;

/**
 * Why a record is not a valid event. The names are stable, machine-readable codes: they appear in dead letters,
 * metrics and API answers, so a code is never renamed or reused for another meaning.
 * When a record has several problems, the one declared first here is its reason.
 */
public enum RejectionReason {
    EMPTY_RECORD("the record is empty"),
    RECORD_TOO_LARGE("the record is larger than the size limit"),
    TRUNCATED_RECORD("the record ends before its JSON object is complete"),
    INVALID_UTF8("the record is not valid UTF-8"),
    NESTING_TOO_DEEP("the record nests objects or arrays too deeply"),
    MALFORMED_JSON("the record is not well-formed JSON"),
    NOT_AN_OBJECT("the record is JSON but not a JSON object"),
    UNSUPPORTED_SCHEMA_VERSION("the record's schemaVersion is not supported"),
    MISSING_FIELD("a required field is missing"),
    WRONG_TYPE("a field has the wrong JSON type"),
    EMPTY_FIELD("a field that must not be empty is empty"),
    FIELD_TOO_LONG("a field is longer than allowed"),
    UNKNOWN_EVENT_TYPE("eventType is not one of impression, click, add_to_basket"),
    INVALID_EVENT_TIME("eventTime is not an RFC 3339 timestamp with an offset"),
    EVENT_TIME_IN_FUTURE("eventTime is too far in the future"),
    INVALID_QUANTITY("quantity is not allowed or out of range");

    private final String description;

    RejectionReason(String description) {
        this.description = description;
    }

    /** A general description of the reason; a {@link Rejection} carries the specific message. */
    public String description() {
        return description;
    }

    /** The stable code, the same as {@link #name()}. */
    public String code() {
        return name();
    }
}
