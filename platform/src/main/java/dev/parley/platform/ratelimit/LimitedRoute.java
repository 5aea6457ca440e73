package dev.parley.platform.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rate limit a REST route counts against: {@code parley.rate-limits.routes.<value>}, a bucket per user
 * (or per address, see {@link #per()}) in Redis, taken before the route reads its body. Every route of
 * every service carries one; {@code RateLimitRuleIT} fails on a route without.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LimitedRoute {

    /** The limit's name under {@code parley.rate-limits.routes}; routes may share one. */
    String value();

    /** Whom the bucket belongs to. */
    Per per() default Per.USER;

    enum Per {
        /** The signed-in user (the address for a request without one). */
        USER,
        /**
         * The client's address, as the trusted proxy reports it (see {@code server.tomcat.remoteip.*}):
         * for the routes used before signing in, and those whose abuse no account should be able to spread.
         */
        ADDRESS
    }
}
