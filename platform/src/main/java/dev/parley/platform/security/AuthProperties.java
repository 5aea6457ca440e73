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
     * Password guessing, slowed rather than locked out (docs/configuration.md has the reasoning), all
     * counted in Redis across the command side's instances:
     *
     * @param freeFailures                      failures of one (username, address) before it must wait
     * @param firstBackoff                      the wait after the first failure past the free ones; it doubles with each further one
     * @param maxBackoff                        the longest wait of one (username, address)
     * @param failuresRememberedFor             a (username, address)'s failures are forgotten this long after its last one
     * @param failuresPerAddressBurst           failures one address may have at once, across every username
     * @param failuresPerAddressRefillOneEvery  then one more each this long
     * @param failuresPerUsernameBurst          failures one username may have at once, across every address
     * @param failuresPerUsernameRefillOneEvery then one more each this long; an address the user signed in
     *                                          from before is not held to this budget, so it only slows strangers
     * @param knownAddressRememberedFor         how long a successful sign-in marks its (username, address) as known
     * @param concurrentHashes                  password hashes (Argon2id, 16 MiB each) one instance computes at once;
     *                                          a sign-in or registration past them is answered 503 at once
     */
    public record SignIn(
            @DefaultValue("3") int freeFailures,
            @DefaultValue("1s") Duration firstBackoff,
            @DefaultValue("15m") Duration maxBackoff,
            @DefaultValue("1h") Duration failuresRememberedFor,
            @DefaultValue("30") int failuresPerAddressBurst,
            @DefaultValue("2m") Duration failuresPerAddressRefillOneEvery,
            @DefaultValue("100") int failuresPerUsernameBurst,
            @DefaultValue("30s") Duration failuresPerUsernameRefillOneEvery,
            @DefaultValue("30d") Duration knownAddressRememberedFor,
            @DefaultValue("4") int concurrentHashes) {
    }
}
