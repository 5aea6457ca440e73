package dev.parley.platform.security;

import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses an access token without a session id, or whose session was signed out. One Redis round trip per
 * check: per REST request, and per socket upgrade (never per frame). When Redis cannot answer, the token is
 * refused, but as an outage ({@code 503 UNAVAILABLE}, {@link ProblemResponses}), not as a bad token: a
 * signed-out session must not come back because Redis is down, and a client told {@code 401} would throw
 * away a good token and sign in again, which cannot help.
 */
final class SessionNotRevoked implements OAuth2TokenValidator<Jwt> {

    private final RevokedSessions revoked;

    SessionNotRevoked(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String session = token.getClaimAsString(ParleySecurityAutoConfiguration.SESSION_CLAIM);
        if (session == null || token.getSubject() == null) {
            return refused("the token names no session");
        }
        try {
            return revoked.isRevoked(token.getSubject(), session) ? refused("the session was signed out")
                    : OAuth2TokenValidatorResult.success();
        } catch (DataAccessException redisDown) {
            // Thrown, not returned as a failed result, so that the cause reaches the entry point.
            throw new BadJwtException("whether the session was signed out cannot be checked now", redisDown);
        }
    }

    private static OAuth2TokenValidatorResult refused(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, why, null));
    }
}
