package dev.parley.command.user;

import dev.parley.kernel.UserId;
import dev.parley.platform.security.RevokedSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    SignOut(RefreshTokens refreshTokens, RevokedSessions revoked, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.clock = clock;
    }

    /** Ends the session the caller's access token belongs to. */
    void session(UserId user, String sessionId) {
        refreshTokens.end(user, sessionId, clock.instant());
        revoked.revoke(user.value(), List.of(sessionId));
    }

    /** Ends every session of the user ("sign out everywhere"), the caller's own among them. */
    void everywhere(UserId user, String sessionId) {
        everySession(user, sessionId);
    }

    /** Ends every session of the user, and {@code alsoSession} if it is not among them (none: {@code null}). */
    void everySession(UserId user, String alsoSession) {
        Instant now = clock.instant();
        Set<String> sessions = new LinkedHashSet<>(refreshTokens.endAll(user, now));
        if (alsoSession != null) {
            sessions.add(alsoSession);
        }
        revoked.revoke(user.value(), sessions);
    }
}
