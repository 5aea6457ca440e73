package dev.parley.query.user;

import static dev.parley.query.QueryAnswers.answer;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.query.ProfileOf;
import dev.parley.kernel.query.UserProfile;
import dev.parley.kernel.query.UsersByPrefix;
import dev.parley.kernel.user.UpdateProfile;
import dev.parley.platform.ratelimit.LimitedRoute;
import dev.parley.transport.CommandSender;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The profile routes: one's own profile (read, and changed through a command), anyone's public profile,
 * and search by username prefix. Any signed-in user may see public profiles: they are what a user
 * looks others up by.
 */
@RestController
class UsersController {

    private final QueryGateway queries;
    private final CommandSender commands;

    UsersController(QueryGateway queries, CommandSender commands) {
        this.queries = queries;
        this.commands = commands;
    }

    /** What everyone may see of a user. {@code avatarUrl} redirects to a time-limited URL of the image. */
    record PublicProfile(UserId userId, String username, String displayName, String avatarUrl) {
        static PublicProfile of(UserProfile profile) {
            return new PublicProfile(profile.userId(), profile.username(), profile.displayName(), UsersController.avatarUrl(profile.avatarMediaId()));
        }
    }

    /** What a user sees of themself: the public profile, the avatar's media id, and when they joined. */
    record OwnProfile(UserId userId, String username, String displayName, MediaId avatarMediaId, String avatarUrl,
                      Instant createdAt) {
        static OwnProfile of(UserProfile profile) {
            return new OwnProfile(profile.userId(), profile.username(), profile.displayName(), profile.avatarMediaId(),
                    UsersController.avatarUrl(profile.avatarMediaId()), profile.createdAt());
        }
    }

    /** A profile change: a field left out (or null) keeps its value. */
    record ProfileChange(String displayName, MediaId avatarMediaId) {
    }

    @GetMapping("/api/users/me")
    @LimitedRoute("profile-reads")
    OwnProfile me(@AuthenticationPrincipal Jwt token) {
        return OwnProfile.of(profileOf(new UserId(token.getSubject())));
    }

    /**
     * Sends {@code UpdateProfile} and answers once the command side has stored it. The answer is the stored
     * profile with the change applied: the read model may not have caught up yet, and the caller should
     * see what they just set.
     */
    @PatchMapping("/api/users/me")
    @LimitedRoute("profile-changes")
    OwnProfile change(@AuthenticationPrincipal Jwt token, @RequestBody ProfileChange change) {
        UserId me = new UserId(token.getSubject());
        UpdateProfile command = new UpdateProfile(me, change.displayName(), change.avatarMediaId());
        commands.sendAndWait(command, Void.class);
        UserProfile stored = profileOf(me);
        return OwnProfile.of(new UserProfile(me, stored.username(),
                command.displayName() != null ? command.displayName() : stored.displayName(),
                command.avatarMediaId() != null ? command.avatarMediaId() : stored.avatarMediaId(),
                stored.createdAt(), stored.updatedAt()));
    }

    @GetMapping("/api/users/{id}")
    @LimitedRoute("profile-reads")
    PublicProfile user(@PathVariable("id") String id) {
        return PublicProfile.of(profileOf(new UserId(id)));
    }

    /** Limited so that the username index cannot be walked to list every user (malformed searches count too). */
    @GetMapping("/api/users")
    @LimitedRoute("user-searches")
    Map<String, List<PublicProfile>> search(@AuthenticationPrincipal Jwt token,
                                            @RequestParam(name = "query", required = false) String query,
                                            @RequestParam(name = "limit", defaultValue = "" + UsersByPrefix.DEFAULT_LIMIT) int limit) {
        List<UserProfile> found = answer(queries.query(new UsersByPrefix(query, limit),
                ResponseTypes.multipleInstancesOf(UserProfile.class)));
        return Map.of("users", found.stream().map(PublicProfile::of).toList());
    }

    private UserProfile profileOf(UserId user) {
        return answer(queries.query(new ProfileOf(user), UserProfile.class));
    }

    /** The media route checks access and redirects to a time-limited URL; an avatar's own URL never expires in a cache. */
    static String avatarUrl(MediaId avatar) {
        return avatar == null ? null : "/api/media/" + avatar.value();
    }
}
