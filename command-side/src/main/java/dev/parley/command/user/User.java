package dev.parley.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.user.ProfileUpdated;
import dev.parley.kernel.user.RegisterUser;
import dev.parley.kernel.user.UpdateProfile;
import dev.parley.kernel.user.UserRegistered;
import java.time.Clock;
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

    @CommandHandler
    public void handle(UpdateProfile command, Clock clock) {
        String newName = command.displayName() != null ? command.displayName() : displayName;
        MediaId newAvatar = command.avatarMediaId() != null ? command.avatarMediaId() : avatarMediaId;
        if (Objects.equals(newName, displayName) && Objects.equals(newAvatar, avatarMediaId)) {
            return;
        }
        apply(new ProfileUpdated(id, newName, newAvatar, clock.instant()));
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
