package dev.parley.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Parley signs and checks its tokens. Every node checks tokens itself (no session store), so all
 * nodes of a deployment share {@code jwtSecret}; the standalone launcher generates one on first start.
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(
        String jwtSecret,
        @DefaultValue("24h") Duration tokenTtl,
        @DefaultValue("parley") String issuer,
        @DefaultValue Admin admin,
        @DefaultValue SignIn signIn) {

    /** An admin account created at start when both are set and the username is free. */
    public record Admin(String username, String password) {
    }

    /**
     * Password guessing: after {@code maxFailures} failed sign-ins to one username, each less than
     * {@code lockout} after the one before, that username's sign-ins are refused until {@code lockout}
     * has passed since the last failure.
     */
    public record SignIn(@DefaultValue("10") int maxFailures, @DefaultValue("15m") Duration lockout) {
    }
}
