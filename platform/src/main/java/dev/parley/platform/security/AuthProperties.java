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
     * Password guessing: one username may fail {@code maxFailures} sign-ins in each {@code lockout}
     * period (counted from its first attempt); past that its sign-ins are refused to the end of the period.
     */
    public record SignIn(@DefaultValue("10") int maxFailures, @DefaultValue("15m") Duration lockout) {
    }
}
