package dev.parley.command.user;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.platform.security.AuthProperties;
import java.util.Locale;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per username and refuses a username that failed too often, so that a password
 * cannot be guessed at the rate requests can be sent. A count lives until {@code lockout} after its last
 * failure and is cleared by a success. Counts are per instance and bounded in number (the oldest go
 * first): several instances each allow the limit, which still bounds guessing to a few per minute.
 */
@Component
class SignInThrottle implements DisposableBean {

    /** How many usernames' counts one instance keeps. */
    private static final int USERNAMES = 100_000;

    private final AuthProperties.SignIn limits;
    private final CacheManager caches;
    private final Cache<String, Integer> failures;

    SignInThrottle(AuthProperties properties) {
        this.limits = properties.signIn();
        this.caches = CacheManagerBuilder.newCacheManagerBuilder().build(true);
        this.failures = caches.createCache("sign-in-failures", CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, Integer.class, ResourcePoolsBuilder.heap(USERNAMES))
                .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(limits.lockout())));
    }

    /** Refuses with {@code RATE_LIMITED} while the username is locked out; its password is not checked. */
    void requireAllowed(String username) {
        Integer failed = failures.get(key(username));
        if (failed != null && failed >= limits.maxFailures()) {
            throw new Refused(ErrorCode.RATE_LIMITED, "too many failed sign-ins for this username; try again in "
                    + limits.lockout().toMinutes() + " minutes");
        }
    }

    void failed(String username) {
        String key = key(username);
        // Not atomic across threads: racing failures may count once, which only delays the lockout by one guess.
        Integer failed = failures.get(key);
        failures.put(key, failed == null ? 1 : failed + 1);
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    @Override
    public void destroy() {
        caches.close();
    }
}
