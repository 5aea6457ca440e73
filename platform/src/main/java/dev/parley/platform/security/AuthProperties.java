package dev.parley.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Parley signs and checks its tokens. Every node checks an access token's signature itself, so all
 * nodes of a deployment share {@code jwtSecret} (the standalone launcher generates one on first start),
 * and asks Redis whether its session was revoked.
 *
 * @param accessTokenTtl  how long an access token (a JWT) is valid: also how long a revocation must be
 *                        remembered, since a revoked session's tokens die of age after that
 * @param refreshTokenTtl how long a session lives unused: each refresh moves its end this far ahead (sliding)
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(
        String jwtSecret,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("parley") String issuer,
        @DefaultValue Admin admin,
        @DefaultValue SignIn signIn) {

    /**
     * The admin account, made sure of at start when both are set: created if the username is free, its
     * password set to this one if it differs; a start fails if the username belongs to a non-admin account.
     */
    public record Admin(String username, String password) {
    }

    /**
     * Password guessing: one username may fail {@code maxFailures} sign-ins in each {@code lockout}
     * period (counted from its first attempt); past that its sign-ins are refused to the end of the period.
     */
    public record SignIn(@DefaultValue("10") int maxFailures, @DefaultValue("15m") Duration lockout) {
    }
}
