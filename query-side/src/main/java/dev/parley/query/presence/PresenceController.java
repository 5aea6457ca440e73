package dev.parley.query.presence;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.LimitedRoute;
import dev.parley.readmodel.presence.PresenceReads;
import dev.parley.readmodel.presence.PresenceReads.Presence;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's presence now, for a client that opens after the presence pushes went out: seen by the same
 * people the pushes go to. Anyone else gets the 404 of a user who does not exist, so the route tells no
 * stranger who is online, nor whether an account exists.
 */
@RestController
class PresenceController {

    private final PresenceReads presence;

    PresenceController(PresenceReads presence) {
        this.presence = presence;
    }

    @GetMapping("/api/users/{id}/presence")
    @LimitedRoute("profile-reads")
    Presence presence(@AuthenticationPrincipal Jwt token, @PathVariable("id") String id) {
        return presence.of(new UserId(id), new UserId(token.getSubject()))
                .orElseThrow(() -> new Refused(ErrorCode.NOT_FOUND, "no user " + id));
    }
}
