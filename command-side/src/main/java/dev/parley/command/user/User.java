package dev.parley.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.parley.command.media.MediaOwners;
import dev.parley.command.media.MediaTypes;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.TooLarge;
import dev.parley.kernel.UserId;
import dev.parley.kernel.user.BlockUser;
import dev.parley.kernel.user.UnblockUser;
import dev.parley.kernel.user.UserBlocked;
import dev.parley.kernel.user.UserUnblocked;
import dev.parley.kernel.user.ProfileUpdated;
import dev.parley.kernel.user.RegisterUser;
import dev.parley.kernel.user.UpdateProfile;
import dev.parley.kernel.user.UserRegistered;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.UnknownMedia;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user's account: its profile, as far as a decision needs it (an update that changes nothing is no
 * event). The username's uniqueness is decided outside, by the accounts table, before this is created.
 */
@Aggregate(commandTargetResolver = "aggregateTargets")
public class User {

    @AggregateIdentifier
    private UserId id;
    private String displayName;
    private MediaId avatarMediaId;

    protected User() {
        // for Axon
    }

    @CommandHandler
    public User(RegisterUser command, Clock clock) {
        apply(new UserRegistered(command.userId(), command.username(), command.displayName(), clock.instant()));
    }

    /** An avatar must be one of the user's own images: someone else's media is as unknown as no media. */
    @CommandHandler
    public void handle(UpdateProfile command, MediaOwners media, Clock clock) {
        String newName = command.displayName() != null ? command.displayName() : displayName;
        MediaId newAvatar = command.avatarMediaId() != null ? command.avatarMediaId() : avatarMediaId;
        if (Objects.equals(newName, displayName) && Objects.equals(newAvatar, avatarMediaId)) {
            return;
        }
        if (!Objects.equals(newAvatar, avatarMediaId)) {
            MediaAttachment avatar = media.ownedBy(id, newAvatar);
            if (avatar == null) {
                throw UnknownMedia.of(newAvatar);
            }
            if (!MediaTypes.isImage(avatar.contentType())) {
                throw new InvalidInput("avatarMediaId must name an image");
            }
        }
        apply(new ProfileUpdated(id, newName, newAvatar, clock.instant()));
    }

    /**
     * The block table is the state this decides on (it answers "already blocked?" and the count): it is
     * written in this command's transaction, with the event, so the two cannot disagree.
     */
    @CommandHandler
    public void handle(BlockUser command, UserBlocks blocks, KnownUsers users, BlockLimits limits, Clock clock) {
        users.requireRegistered(List.of(command.blocked()));
        if (blocks.countBy(id) >= limits.maxBlockedUsers()) {
            throw new TooLarge("a user may block at most " + limits.maxBlockedUsers() + " users");
        }
        if (blocks.add(id, command.blocked())) {
            apply(new UserBlocked(id, command.blocked(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(UnblockUser command, UserBlocks blocks, Clock clock) {
        if (blocks.remove(id, command.unblocked())) {
            apply(new UserUnblocked(id, command.unblocked(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = event.userId();
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(ProfileUpdated event) {
        displayName = event.displayName();
        avatarMediaId = event.avatarMediaId();
    }
}
