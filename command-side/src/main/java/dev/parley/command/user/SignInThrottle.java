package dev.parley.command.user;

import dev.parley.kernel.RateLimited;
import dev.parley.platform.ratelimit.RateLimit;
import dev.parley.platform.ratelimit.RateLimitProperties;
import dev.parley.platform.ratelimit.RateLimits;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.platform.security.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock a user out. Three things are counted in Redis,
 * across every command-side instance:
 * <ul>
 * <li>each (username, address)'s failures: past the first few, each failure makes that pair wait, twice as
 * long each time up to a ceiling. Only the guesser's own address waits; the user elsewhere does not.</li>
 * <li>each address's failures, across every username: one address cannot spread its guesses over many
 * accounts.</li>
 * <li>each username's failures, across every address, a much larger budget: a crowd of addresses guessing
 * one account is slowed to the budget's refill. An address the user signed in from before is not held to
 * it, so the crowd cannot keep the user out from their own devices.</li>
 * </ul>
 * Keys hold a hash of the lower-cased username and of the address, never the text itself: a name of
 * megabytes costs the same few bytes as any other.
 */
@Component
class SignInThrottle {

    private final AuthProperties.SignIn settings;
    private final StringRedisTemplate redis;
    private final RateLimit byAddress;
    private final RateLimit byUsername;

    SignInThrottle(AuthProperties properties, RateLimits limits, StringRedisTemplate redis) {
        this.settings = properties.signIn();
        this.redis = redis;
        RateLimitProperties.Allowance perAddress = new RateLimitProperties.Allowance(settings.failuresPerAddressBurst(),
                settings.failuresPerAddressRefillOneEvery());
        RateLimitProperties.Allowance perUsername = new RateLimitProperties.Allowance(settings.failuresPerUsernameBurst(),
                settings.failuresPerUsernameRefillOneEvery());
        this.byAddress = limits.acrossInstances("sign-in-failures-by-address", perAddress.bandwidth(),
                "too many failed sign-ins from this address; retry later");
        this.byUsername = limits.acrossInstances("sign-in-failures-by-username", perUsername.bandwidth(),
                "too many failed sign-ins for this username; retry later");
    }

    /**
     * Refuses {@code RATE_LIMITED}, with how long to wait, while the pair must wait or the address or
     * (from an unknown address) the username has no failure left; the password is then not checked.
     */
    void requireAllowed(String username, String address) {
        String pair = pair(username, address);
        Long waitMillis = redis.getExpire(RedisKeys.signInWait(pair), TimeUnit.MILLISECONDS);
        if (waitMillis != null && waitMillis > 0) {
            throw new RateLimited("too many failed sign-ins; wait before trying again", Duration.ofMillis(waitMillis));
        }
        byAddress.requireAvailable(hash(address));
        if (!Boolean.TRUE.equals(redis.hasKey(RedisKeys.signInKnown(pair)))) {
            byUsername.requireAvailable(usernameKey(username));
        }
    }

    void failed(String username, String address) {
        String pair = pair(username, address);
        String failuresKey = RedisKeys.signInFailures(pair);
        Long failures = redis.opsForValue().increment(failuresKey);
        redis.expire(failuresKey, settings.failuresRememberedFor());
        Duration wait = waitAfter(failures == null ? 1 : failures, settings);
        if (!wait.isZero()) {
            redis.opsForValue().set(RedisKeys.signInWait(pair), "1", wait);
        }
        byAddress.spend(hash(address));
        byUsername.spend(usernameKey(username));
    }

    /** The pair's failures are forgotten and its address becomes known; the budgets keep what was spent. */
    void succeeded(String username, String address) {
        String pair = pair(username, address);
        redis.delete(RedisKeys.signInFailures(pair));
        redis.delete(RedisKeys.signInWait(pair));
        redis.opsForValue().set(RedisKeys.signInKnown(pair), "1", settings.knownAddressRememberedFor());
    }

    /** The wait after a pair's {@code failures}-th failure: none for the free ones, then doubling to the ceiling. */
    static Duration waitAfter(long failures, AuthProperties.SignIn settings) {
        long past = failures - settings.freeFailures();
        if (past <= 0) {
            return Duration.ZERO;
        }
        long ceiling = settings.maxBackoff().toMillis();
        // Doubling from the first wait: past 40 doublings any ceiling is reached, and the shift stays in range.
        long doubled = past > 40 ? ceiling : settings.firstBackoff().toMillis() << (past - 1);
        return Duration.ofMillis(doubled < 0 ? ceiling : Math.min(doubled, ceiling));
    }

    private static String pair(String username, String address) {
        return hash(normalized(username) + "\n" + address);
    }

    private static String usernameKey(String username) {
        return hash(normalized(username));
    }

    private static String normalized(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /** 128 bits of SHA-256 in hex: fixed-size keys, and no username or address readable in Redis. */
    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
