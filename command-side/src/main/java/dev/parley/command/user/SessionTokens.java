package dev.parley.command.user;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import dev.parley.platform.security.RevokedSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Hands out a session's tokens: a new session at sign-in, the next pair at each refresh. A rotated
 * refresh token presented again means two parties hold the session (one of them a thief, and we cannot
 * tell which): the whole session is ended, on every node, and both must sign in again.
 */
@Service
public class SessionTokens {

    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

    /** What sign-in and refresh answer. */
    public record Session(String token, String refreshToken, String userId, Instant expiresAt) {
    }

    static final class RefreshRefused extends ChatException {
        RefreshRefused() {
            super(ErrorCode.UNAUTHORIZED, "the refresh token is unknown, expired or signed out: sign in again");
        }
    }

    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final UserAccounts accounts;
    private final RevokedSessions revoked;
    private final Clock clock;

    SessionTokens(RefreshTokens refreshTokens, AccessTokens accessTokens, UserAccounts accounts, RevokedSessions revoked,
                  Clock clock) {
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.accounts = accounts;
        this.revoked = revoked;
        this.clock = clock;
    }

    /** A new session for an account whose password was just checked. */
    Session start(UserAccounts.Account account) {
        Instant now = clock.instant();
        RefreshTokens.Issued issued = refreshTokens.start(account.userId(), now);
        return session(account, issued, now);
    }

    /** The next access token and refresh token of the session {@code refreshToken} belongs to. */
    public Session refresh(String refreshToken) {
        // The route's limit (session-refreshes, per address) is taken before this runs: a refusal after the
        // rotation would lose the new token, and the client's retry with the old one would look like theft.
        Instant now = clock.instant();
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken, now);
        if (rotation instanceof RefreshTokens.Rotation.Reused reused) {
            revoked.revoke(reused.user().value(), List.of(reused.sessionId()));
            log.info("a rotated refresh token of session {} of user {} was presented again: the session is ended",
                    reused.sessionId(), reused.user());
            throw new RefreshRefused();
        }
        if (!(rotation instanceof RefreshTokens.Rotation.Rotated rotated)) {
            throw new RefreshRefused();
        }
        UserAccounts.Account account = accounts.findById(rotated.user()).orElseThrow(RefreshRefused::new);
        return session(account, rotated.next(), now);
    }

    private Session session(UserAccounts.Account account, RefreshTokens.Issued issued, Instant now) {
        AccessTokens.Signed access = accessTokens.sign(account, issued.sessionId(), now);
        return new Session(access.token(), issued.refreshToken(), account.userId().value(), access.expiresAt());
    }
}
