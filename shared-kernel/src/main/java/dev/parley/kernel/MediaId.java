package dev.parley.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** One uploaded media object. */
public record MediaId(@JsonValue String value) {

    @JsonCreator
    public MediaId {
        Ids.check("MediaId", value);
    }

    public static MediaId random() {
        return new MediaId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
