package dev.parley.kernel;

import dev.parley.kernel.conversation.ConversationCommand;
import dev.parley.kernel.media.MediaCommand;
import dev.parley.kernel.user.UserCommand;

/**
 * A command Parley decides: a {@link ConversationCommand}, a {@link UserCommand} or a {@link MediaCommand}, whose sealed
 * {@code permits} are the one list of commands ({@link CommandTypes} reads them). Each names the aggregate
 * it is for, which is both its key on the commands topic (one consumer decides one aggregate's commands,
 * in order) and the aggregate the command side loads. (Not sealed itself: Java allows a sealed type's
 * subtypes in other packages only inside a named module.)
 */
public interface Command {

    /** The id of the aggregate that decides this command. */
    String aggregateId();
}
