package io.adinsights.schemas.parse;

import com.networknt.schema.Error;
import io.adinsights.schemas.validation.Rejection;
import io.adinsights.schemas.validation.RejectionReason;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns the JSON Schema validator's findings into the contract's reasons, with messages that name the field. */
final class SchemaErrors {

    private static final int SHOWN_VALUE_CHARS = 40;

    private SchemaErrors() {
    }

    static Rejection toRejection(Error error, ObjectNode root) {
        String field = fieldOf(error);
        JsonNode value = field.isEmpty() ? null : root.get(field);
        String eventType = root.path("eventType").asString("");
        return switch (error.getKeyword()) {
            case "required" -> new Rejection(RejectionReason.MISSING_FIELD, requiredMessage(field, eventType));
            case "type" -> new Rejection(RejectionReason.WRONG_TYPE,
                    "\"" + field + "\" must be " + expectedType(error) + ", but is " + describe(value));
            case "minLength" -> new Rejection(RejectionReason.EMPTY_FIELD, "\"" + field + "\" must not be empty");
            case "maxLength" -> new Rejection(RejectionReason.FIELD_TOO_LONG, "\"" + field + "\" is "
                    + (value == null ? "?" : value.asString().length()) + " characters long, more than the "
                    + error.getSchemaNode().asInt() + " allowed");
            case "enum", "const" -> new Rejection(RejectionReason.UNKNOWN_EVENT_TYPE, "eventType " + describe(value)
                    + " is not one of impression, click, add_to_basket");
            case "minimum", "maximum" -> rangeRejection(field, value);
            case "not" -> new Rejection(RejectionReason.INVALID_QUANTITY,
                    "\"quantity\" is only allowed on add_to_basket events, not on " + describe(root.get("eventType")));
            default -> new Rejection(RejectionReason.MALFORMED_JSON, error.getMessage());
        };
    }

    private static Rejection rangeRejection(String field, JsonNode value) {
        if ("schemaVersion".equals(field)) {
            return new Rejection(RejectionReason.UNSUPPORTED_SCHEMA_VERSION,
                    "schemaVersion " + describe(value) + " is not a valid version (must be 1 or more)");
        }
        return new Rejection(RejectionReason.INVALID_QUANTITY,
                "\"" + field + "\" is " + describe(value) + ", but must be a whole number from 1 to 2147483647");
    }

    private static String requiredMessage(String field, String eventType) {
        boolean typeSpecific = !"eventId".equals(field) && !"eventType".equals(field) && !"eventTime".equals(field);
        return typeSpecific
                ? "\"" + field + "\" is required for " + eventType + " events"
                : "\"" + field + "\" is required";
    }

    /** The top-level field an error is about: the missing property for "required", else the instance's name. */
    private static String fieldOf(Error error) {
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            return error.getProperty();
        }
        int names = error.getInstanceLocation().getNameCount();
        return names == 0 ? "" : error.getInstanceLocation().getName(0);
    }

    private static String expectedType(Error error) {
        String type = error.getSchemaNode().asString("");
        return switch (type) {
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "object" -> "a JSON object";
            default -> type;
        };
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        if (value.isNull()) {
            return "null";
        }
        String text = value.toString();
        String shown = text.length() > SHOWN_VALUE_CHARS ? text.substring(0, SHOWN_VALUE_CHARS) + "..." : text;
        return switch (value.getNodeType()) {
            case STRING -> shown;
            case NUMBER -> "the number " + shown;
            case BOOLEAN -> "the boolean " + shown;
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> shown;
        };
    }
}
