package dev.parley.platform.ratelimit;

import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The per-user (or, before sign-in, per-address) limits of the REST routes and the socket's frames, by
 * name: a route names its limit with {@link LimitedRoute}, a frame by its {@code type}. Each service's
 * {@code parley-<module>.yml} holds the defaults of its own routes and frames.
 */
@ConfigurationProperties("parley.rate-limits")
public record RateLimitProperties(Map<String, Allowance> routes, Map<String, Allowance> frames) {

    public RateLimitProperties {
        routes = lowerCaseKeys(routes);
        frames = lowerCaseKeys(frames);
    }

    /** The allowance of the route limit {@code name}, or null when none is configured. */
    public Allowance route(String name) {
        return routes.get(name.toLowerCase(Locale.ROOT));
    }

    /** The allowance of the frame type {@code type} ({@code markRead}, ...), or null when none is configured. */
    public Allowance frame(String type) {
        return frames.get(type.toLowerCase(Locale.ROOT));
    }

    /** Spring may hand a map key over in its canonical lower-case form ({@code markread}): look up either way. */
    private static Map<String, Allowance> lowerCaseKeys(Map<String, Allowance> byName) {
        Map<String, Allowance> lowerCase = new HashMap<>();
        if (byName != null) {
            byName.forEach((name, allowance) -> lowerCase.put(name.toLowerCase(Locale.ROOT), allowance));
        }
        return Map.copyOf(lowerCase);
    }

    /**
     * A token bucket: {@code burst} actions at once, then one more every {@code refillOneEvery} (so
     * {@code burst} again after {@code burst × refillOneEvery} of rest).
     */
    public record Allowance(int burst, Duration refillOneEvery) {

        public Allowance {
            if (burst < 1 || refillOneEvery == null || refillOneEvery.isZero() || refillOneEvery.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive refill-one-every");
            }
        }

        public Bandwidth bandwidth() {
            return Bandwidth.builder().capacity(burst).refillGreedy(1, refillOneEvery).build();
        }

        /** Words for the refusal: the sustained rate a client may keep to. */
        public String words() {
            return "at most " + burst + " at once, then one every " + humane(refillOneEvery);
        }

        private static String humane(Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
        }
    }
}
