package dev.parley.platform.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.platform.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The signed-out sessions whose access tokens may still be unexpired, in Redis, where every node of every
 * service looks before it accepts a token. A key lives as long as a token could: the access-token
 * lifetime plus the clock skew the token check allows.
 */
public final class RevokedSessions {

    /** What {@code JwtTimestampValidator} tolerates by default between the signer's clock and ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final ObjectProvider<StringRedisTemplate> redis;
    private final ObjectMapper json;
    private final Duration remembered;

    RevokedSessions(ObjectProvider<StringRedisTemplate> redis, ObjectMapper json, AuthProperties properties) {
        this.redis = redis;
        this.json = json;
        this.remembered = properties.accessTokenTtl().plus(CLOCK_SKEW);
    }

    /** Makes the access tokens of these sessions of {@code user} stop working on every node, and says so. */
    public void revoke(String user, Collection<String> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        StringRedisTemplate template = redis.getObject();
        template.executePipelined((RedisCallback<Object>) connection -> {
            for (String session : sessions) {
                connection.stringCommands().set(RedisKeys.revokedSession(user, session).getBytes(StandardCharsets.UTF_8),
                        new byte[] {'1'}, Expiration.from(remembered), RedisStringCommands.SetOption.upsert());
            }
            return null;
        });
        try {
            template.convertAndSend(RedisKeys.REVOKED_SESSIONS_CHANNEL,
                    json.writeValueAsString(new SessionsRevoked(user, List.copyOf(sessions))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a revocation", e);
        }
    }

    /** How long a revocation is kept: as long as a token of the session could still be unexpired. */
    public Duration rememberedFor() {
        return remembered;
    }

    /** True if {@code session} of {@code user} was signed out while its tokens could still be valid. */
    public boolean isRevoked(String user, String session) {
        return Boolean.TRUE.equals(redis.getObject().hasKey(RedisKeys.revokedSession(user, session)));
    }
}
