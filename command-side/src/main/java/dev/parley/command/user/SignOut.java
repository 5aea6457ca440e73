package dev.parley.command.user;

import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.RateLimit;
import dev.parley.platform.ratelimit.RateLimits;
import dev.parley.platform.security.RevokedSessions;
import io.github.bucket4j.Bandwidth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Ends sessions: their refresh tokens stop working here (PostgreSQL), their access tokens on every node of
 * every service (Redis, {@link RevokedSessions}), and push nodes close their sockets (4001).
 */
@Service
class SignOut {

    private final RefreshTokens refreshTokens;
    private final RevokedSessions revoked;
    private final Clock clock;
    private final RateLimit signOuts;

    SignOut(RefreshTokens refreshTokens, RevokedSessions revoked, Clock clock, RateLimits limits,
            @Value("${parley.sessions.sign-outs-per-minute:10}") int signOutsPerMinute) {
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.clock = clock;
        this.signOuts = limits.acrossInstances("sign-outs",
                Bandwidth.builder().capacity(signOutsPerMinute).refillGreedy(signOutsPerMinute, Duration.ofMinutes(1)).build(),
                "at most " + signOutsPerMinute + " sign-outs a minute");
    }

    /** Ends the session the caller's access token belongs to. */
    void session(UserId user, String sessionId) {
        signOuts.take(user.value());
        refreshTokens.end(user, sessionId, clock.instant());
        revoked.revoke(user.value(), List.of(sessionId));
    }

    /** Ends every session of the user ("sign out everywhere"), the caller's own among them. */
    void everywhere(UserId user, String sessionId) {
        signOuts.take(user.value());
        everySession(user, sessionId);
    }

    /** Ends every session of the user without counting it against their limit (the admin's password changed). */
    void everySession(UserId user, String alsoSession) {
        Instant now = clock.instant();
        Set<String> sessions = new LinkedHashSet<>(refreshTokens.endAll(user, now));
        if (alsoSession != null) {
            sessions.add(alsoSession);
        }
        revoked.revoke(user.value(), sessions);
    }
}
