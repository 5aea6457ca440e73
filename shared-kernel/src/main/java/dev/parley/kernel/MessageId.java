package dev.parley.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** One message, unique across all conversations. */
public record MessageId(@JsonValue String value) {

    @JsonCreator
    public MessageId {
        Ids.check("MessageId", value);
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
