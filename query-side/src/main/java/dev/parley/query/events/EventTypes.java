package dev.parley.query.events;

import dev.parley.kernel.conversation.ConversationEvent;
import dev.parley.kernel.media.MediaEvent;
import dev.parley.kernel.user.UserEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The event types an export can be filtered by, named as docs/events.md names them (the simple class
 * name). Read from the kernel's sealed event interfaces, so that a new event type is known here as soon
 * as it is permitted there.
 */
final class EventTypes {

    /** Simple name to the class name Axon stores as {@code payloadType}. */
    private static final Map<String, String> CLASS_NAMES = new TreeMap<>();

    static {
        Stream.of(ConversationEvent.class, UserEvent.class, MediaEvent.class)
                .flatMap(sealed -> Stream.of(sealed.getPermittedSubclasses()))
                .forEach(type -> CLASS_NAMES.put(type.getSimpleName(), type.getName()));
    }

    private EventTypes() {
    }

    /** The stored class name of a known type's simple name, or null when no event has that name. */
    static String classNameOf(String simpleName) {
        return CLASS_NAMES.get(simpleName);
    }

    static Iterable<String> names() {
        return CLASS_NAMES.keySet();
    }

    /** The name a reader sees for a stored payload type: its simple name, whether or not it is known here. */
    static String nameOf(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
