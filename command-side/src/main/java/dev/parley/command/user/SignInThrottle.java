package dev.parley.command.user;

import dev.parley.platform.ratelimit.RateLimit;
import dev.parley.platform.ratelimit.RateLimits;
import dev.parley.platform.security.AuthProperties;
import io.github.bucket4j.Bandwidth;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Refuses a username that failed to sign in too often, so that a password cannot be guessed at the rate
 * requests can be sent. Each username has a bucket of {@code maxFailures} failures, given back whole at
 * the end of each {@code lockout} period counted from its first attempt (all at once rather than a trickle:
 * an emptied bucket keeps the username refused to the end of its period); a success fills it again.
 * Buckets are per instance (the command side has no Redis) and bounded in number, the least recently used
 * going first: several instances each allow the limit, which still bounds guessing to a few a minute.
 */
@Component
class SignInThrottle {

    /** How many usernames' buckets one instance keeps. */
    private static final int USERNAMES = 100_000;

    private final RateLimit failures;

    SignInThrottle(AuthProperties properties, RateLimits limits) {
        AuthProperties.SignIn signIn = properties.signIn();
        this.failures = limits.perInstance(
                Bandwidth.builder().capacity(signIn.maxFailures()).refillIntervally(signIn.maxFailures(), signIn.lockout()).build(),
                USERNAMES,
                "too many failed sign-ins for this username; try again in " + signIn.lockout().toMinutes() + " minutes");
    }

    /** Refuses with {@code RATE_LIMITED} while the username has no failure left; its password is not checked. */
    void requireAllowed(String username) {
        failures.requireAvailable(key(username));
    }

    void failed(String username) {
        failures.spend(key(username));
    }

    void succeeded(String username) {
        failures.reset(key(username));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
