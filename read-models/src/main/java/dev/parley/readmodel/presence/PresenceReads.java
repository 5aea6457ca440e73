package dev.parley.readmodel.presence;

import dev.parley.kernel.UserId;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.readmodel.consent.ConsentSets;
import dev.parley.readmodel.membership.MemberSets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A user's presence now, for someone who may see it ({@link PresenceAudience}, the rule of the presence
 * push). A client that opens after the pushes went out reads it here once, then follows the pushes.
 */
public final class PresenceReads {

    /** What a viewer may see of a user's presence: {@code lastSeen} is when it last changed, as the push says. */
    public record Presence(UserId userId, boolean online, Instant lastSeen) {
    }

    private final StringRedisTemplate redis;
    private final MemberSets memberSets;
    private final ConsentSets consent;

    public PresenceReads(StringRedisTemplate redis, MemberSets memberSets, ConsentSets consent) {
        this.redis = redis;
        this.memberSets = memberSets;
        this.consent = consent;
    }

    /** The user's presence if {@code viewer} may see it; empty otherwise, as for a user who does not exist. */
    public Optional<Presence> of(UserId user, UserId viewer) {
        if (user.equals(viewer) || !shares(user, viewer)) {
            return Optional.empty();
        }
        Map<Object, Object> hash = redis.opsForHash().entries(RedisKeys.presence(user));
        boolean online = "1".equals(hash.get("online"));
        Object at = hash.get("at");
        return Optional.of(new Presence(user, online, at == null ? null : Instant.ofEpochMilli(Long.parseLong(at.toString()))));
    }

    private boolean shares(UserId user, UserId viewer) {
        return PresenceAudience.of(user, memberSets.members(consent.spokenIn(user)), consent.blockedEitherWay(user))
                .contains(viewer.value());
    }
}
