package dev.parley.push.frames;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.parley.kernel.InvalidInput;
import dev.parley.platform.web.JsonFieldPath;

/**
 * Reads a client frame's text into its {@link ClientFrame}, as strictly as the protocol types it: a string
 * field takes only a string, a number only an integer, a flag only true or false (Jackson's default
 * coercions, such as {@code "5"} for 5, are turned off). Anything else is {@code BAD_REQUEST}, worded
 * with the field's name; the frame's {@code id}, when it is a valid one, is kept for the error.
 */
final class FrameReader {

    static final int MAX_ID_CHARS = 64;
    private static final String ID_RULE = "id must be a string of at most " + MAX_ID_CHARS + " characters";

    private final ObjectMapper json;
    private final ObjectReader frames;

    FrameReader(ObjectMapper applicationJson) {
        this.json = applicationJson.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        json.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        json.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        json.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        json.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        this.frames = json.readerFor(ClientFrame.class);
    }

    /** A frame read from text, or the id it named with why it cannot be read. */
    sealed interface Result {
    }

    record Read(ClientFrame frame) implements Result {
    }

    record Unreadable(String id, String reason) implements Result {
    }

    Result read(String text) {
        // Most frames are well formed: bound from the text in one pass. Only one that fails is read again
        // as a tree, to find its id and say precisely what is wrong with it.
        ClientFrame frame;
        try {
            frame = frames.readValue(text);
        } catch (java.io.IOException e) {
            return diagnose(text);
        }
        if (frame == null) {
            return diagnose(text);
        }
        if (frame.id() != null && frame.id().length() > MAX_ID_CHARS) {
            return new Unreadable(null, ID_RULE);
        }
        return new Read(frame);
    }

    /** Why a frame cannot be bound, with its id when that id is valid. */
    private Result diagnose(String text) {
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's own words would quote its internals; the client needs only to know where.
            return new Unreadable(null, "malformed JSON (at character " + e.getLocation().getCharOffset() + ")");
        }
        if (tree == null || !tree.isObject()) {
            return new Unreadable(null, "a frame is one JSON object");
        }
        JsonNode idNode = tree.get("id");
        if (idNode != null && !idNode.isNull() && (!idNode.isTextual() || idNode.textValue().length() > MAX_ID_CHARS)) {
            return new Unreadable(null, ID_RULE);
        }
        String id = idNode == null || idNode.isNull() ? null : idNode.textValue();
        String type = tree.path("type").asText("");
        if (type.isEmpty()) {
            return new Unreadable(id, "type is required");
        }
        try {
            return new Read(frames.readValue(tree));
        } catch (InvalidTypeIdException unknown) {
            return new Unreadable(id, "unknown type '" + abbreviate(type) + "'");
        } catch (MismatchedInputException mistyped) {
            return new Unreadable(id, fieldOf(mistyped) + " must be " + expected(mistyped.getTargetType()));
        } catch (java.io.IOException e) {
            // A number too large for its field is the one other way a well-formed object fails to bind.
            String outOfRange = outOfRange(tree);
            return new Unreadable(id, outOfRange != null ? outOfRange + " is out of range" : "a field has the wrong type");
        }
    }

    /** What a field of {@code type} takes, in the protocol's words. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array of strings";
        }
        return type == String.class ? "a string" : "of another type";
    }

    /** The first field holding a number no field takes (beyond a long, or with a fraction), or null. */
    private static String outOfRange(JsonNode frame) {
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = frame.fields(); fields.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNumber() && !(value.isIntegralNumber() && value.canConvertToLong())) {
                return abbreviate(field.getKey());
            }
        }
        return null;
    }

    /** The name of the field a binding failed on, as the client wrote it. */
    private static String fieldOf(MismatchedInputException failure) {
        String path = JsonFieldPath.of(failure);
        return path.isEmpty() ? "a field" : path;
    }

    static String abbreviate(String text) {
        return text.length() <= MAX_ID_CHARS ? text : text.substring(0, MAX_ID_CHARS) + "...";
    }

    /** Throws {@code BAD_REQUEST} when a required field is missing. */
    static <T> T required(T value, String field, String what) {
        if (value == null) {
            throw new InvalidInput(field + " is required (" + what + ")");
        }
        return value;
    }
}
