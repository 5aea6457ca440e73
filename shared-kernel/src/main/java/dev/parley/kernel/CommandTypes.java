package dev.parley.kernel;

import dev.parley.kernel.conversation.AddMembers;
import dev.parley.kernel.conversation.CreateGroup;
import dev.parley.kernel.conversation.LeaveGroup;
import dev.parley.kernel.conversation.MarkDelivered;
import dev.parley.kernel.conversation.MarkRead;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.RemoveMember;
import dev.parley.kernel.conversation.RenameGroup;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.kernel.user.RegisterUser;
import dev.parley.kernel.user.UpdateProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every command that travels on the commands topic, by the name it travels under (its simple class
 * name): a closed list, so that a record on the topic can only ever become one of these.
 */
public final class CommandTypes {

    private static final Map<String, Class<?>> BY_NAME = List.<Class<?>>of(
                    OpenDirect.class, CreateGroup.class, AddMembers.class, RemoveMember.class, LeaveGroup.class,
                    RenameGroup.class, SendMessage.class, MarkDelivered.class, MarkRead.class,
                    RegisterUser.class, UpdateProfile.class)
            .stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private CommandTypes() {
    }

    public static Optional<Class<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static String nameOf(Object command) {
        String name = command.getClass().getSimpleName();
        if (!BY_NAME.containsKey(name)) {
            throw new IllegalArgumentException(command.getClass().getName() + " is not a Parley command");
        }
        return name;
    }
}
