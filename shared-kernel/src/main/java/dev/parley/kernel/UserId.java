package dev.parley.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** A user, for ever: usernames can change, this cannot. */
public record UserId(@JsonValue String value) {

    @JsonCreator
    public UserId {
        Ids.check("UserId", value);
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
