package dev.parley.query.user;

import static dev.parley.query.QueryAnswers.answer;

import dev.parley.platform.ratelimit.LimitedRoute;
import dev.parley.kernel.UserId;
import dev.parley.kernel.query.ProfileOf;
import dev.parley.kernel.query.UserProfile;
import dev.parley.kernel.user.BlockUser;
import dev.parley.kernel.user.UnblockUser;
import dev.parley.query.user.UsersController.PublicProfile;
import dev.parley.readmodel.consent.ConsentSets;
import dev.parley.transport.CommandSender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * One's own blocks: the list, and a block set or lifted through a command (decided and stored by the
 * command side, like every change). Only one's own: no route reads another user's blocks.
 */
@RestController
class BlocksController {

    private final ConsentSets consent;
    private final QueryGateway queries;
    private final CommandSender commands;

    BlocksController(ConsentSets consent, QueryGateway queries, CommandSender commands) {
        this.consent = consent;
        this.queries = queries;
        this.commands = commands;
    }

    /**
     * The blocked users' public profiles, from the consent read model: a block answered 204 a moment ago
     * may take as long as the projection's lag to be listed.
     */
    @GetMapping("/api/users/me/blocks")
    @LimitedRoute("block-reads")
    Map<String, List<PublicProfile>> blocks(@AuthenticationPrincipal Jwt token) {
        List<CompletableFuture<UserProfile>> profiles = consent.blocksOf(new UserId(token.getSubject())).stream().sorted()
                .map(user -> queries.query(new ProfileOf(new UserId(user)), UserProfile.class)
                        .exceptionally(unknownYet -> null))
                .toList();
        return Map.of("users", profiles.stream().map(profile -> answer(profile))
                .filter(profile -> profile != null).map(PublicProfile::of).toList());
    }

    /** 204 once stored; blocking someone already blocked changes nothing. An unknown user is 404, as on /api/users/{id}. */
    @PutMapping("/api/users/me/blocks/{userId}")
    @LimitedRoute("block-changes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void block(@AuthenticationPrincipal Jwt token, @PathVariable("userId") String userId) {
        commands.sendAndWait(new BlockUser(new UserId(token.getSubject()), new UserId(userId)), Void.class);
    }

    /** 204 whether or not there was a block. */
    @DeleteMapping("/api/users/me/blocks/{userId}")
    @LimitedRoute("block-changes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unblock(@AuthenticationPrincipal Jwt token, @PathVariable("userId") String userId) {
        commands.sendAndWait(new UnblockUser(new UserId(token.getSubject()), new UserId(userId)), Void.class);
    }
}
