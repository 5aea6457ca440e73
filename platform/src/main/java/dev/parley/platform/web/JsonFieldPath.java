package dev.parley.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Where in a client's JSON a binding failed, written as the client wrote it ({@code memberIds[3]},
 * {@code profile.displayName}): refusals name the field in Parley's words instead of quoting Jackson's
 * message, which names classes and parser internals.
 */
public final class JsonFieldPath {

    /** Longer paths are cut: the path comes from the client's own field names, of any length. */
    private static final int MAX_CHARS = 64;

    private JsonFieldPath() {
    }

    /** The path of the field {@code failure} is about, or "" when it is about no field (the whole document). */
    public static String of(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        failure.getPath().forEach(reference -> {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        });
        return path.length() > MAX_CHARS ? path.substring(0, MAX_CHARS) + "..." : path.toString();
    }
}
