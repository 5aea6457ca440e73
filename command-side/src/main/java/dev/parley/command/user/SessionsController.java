package dev.parley.command.user;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.LimitedRoute;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/sessions/refresh} (public: the refresh token is the credential), and the two sign-outs,
 * {@code DELETE /api/sessions/current} and {@code DELETE /api/sessions}, which take the access token.
 */
@RestController
class SessionsController {

    /** Checked as it is read: no refresh token is longer than {@link RefreshTokens#MAX_TOKEN_CHARS}. */
    record RefreshRequest(String refreshToken) {
        RefreshRequest {
            if (refreshToken == null) {
                throw new InvalidInput("refreshToken is required");
            }
            if (refreshToken.length() > RefreshTokens.MAX_TOKEN_CHARS) {
                throw new InvalidInput("refreshToken may be at most " + RefreshTokens.MAX_TOKEN_CHARS + " characters");
            }
        }
    }

    private final SessionTokens tokens;
    private final SignOut signOut;

    SessionsController(SessionTokens tokens, SignOut signOut) {
        this.tokens = tokens;
        this.signOut = signOut;
    }

    @PostMapping("/api/sessions/refresh")
    // Per address: the caller is not signed in, and unknown tokens must cost a guesser as much as known ones.
    @LimitedRoute(value = "session-refreshes", per = LimitedRoute.Per.ADDRESS)
    SessionTokens.Session refresh(@RequestBody RefreshRequest request) {
        return tokens.refresh(request.refreshToken());
    }

    @DeleteMapping("/api/sessions/current")
    @LimitedRoute("sign-outs")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void signOut(@AuthenticationPrincipal Jwt token) {
        signOut.session(new UserId(token.getSubject()), token.getClaimAsString(ParleySecurityAutoConfiguration.SESSION_CLAIM));
    }

    @DeleteMapping("/api/sessions")
    @LimitedRoute("sign-outs")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void signOutEverywhere(@AuthenticationPrincipal Jwt token) {
        signOut.everywhere(new UserId(token.getSubject()), token.getClaimAsString(ParleySecurityAutoConfiguration.SESSION_CLAIM));
    }
}
