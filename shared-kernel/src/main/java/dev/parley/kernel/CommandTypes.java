package dev.parley.kernel;

import dev.parley.kernel.conversation.ConversationCommand;
import dev.parley.kernel.media.MediaCommand;
import dev.parley.kernel.user.UserCommand;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every command that travels on the commands topic, by the name it travels under (its simple class
 * name): the records the sealed command interfaces permit, so that a record on the topic can only ever
 * become one of these, and a new command is listed by being permitted there.
 */
public final class CommandTypes {

    private static final Map<String, Class<?>> BY_NAME = Stream.of(ConversationCommand.class, UserCommand.class, MediaCommand.class).flatMap(CommandTypes::recordsOf)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private CommandTypes() {
    }

    public static Optional<Class<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static String nameOf(Command command) {
        return command.getClass().getSimpleName();
    }

    private static Stream<Class<?>> recordsOf(Class<?> sealed) {
        if (!sealed.isSealed()) {
            return Stream.of(sealed);
        }
        return Arrays.stream(sealed.getPermittedSubclasses()).flatMap(CommandTypes::recordsOf);
    }
}
