package dev.parley.readmodel.consent;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.readmodel.redis.RedisOutages;
import java.util.List;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What a user has consented to share, in Redis: the conversations they have spoken in, and the blocks in
 * both directions. Written by the consent projection; read by the push fan-out (who may see a user's
 * presence), the typing relay and the blocks route. Every write is a set add or remove of one id, so a
 * redelivered event changes nothing, and a replay in order ends where the events did.
 */
public final class ConsentSets {

    private final StringRedisTemplate redis;

    public ConsentSets(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /* Writes go through RedisOutages: Redis being out fails the projection's batch, to be handled again. */

    void spoke(UserId user, ConversationId conversation) {
        RedisOutages.write(() -> redis.opsForSet().add(RedisKeys.spokeIn(user), conversation.value()), null);
    }

    /** The blocked user's side first: once the blocker's list shows the block, both sides hold it. */
    void blocked(UserId blocker, UserId blocked) {
        RedisOutages.write(() -> redis.opsForSet().add(RedisKeys.blockedBy(blocked), blocker.value()), null);
        RedisOutages.write(() -> redis.opsForSet().add(RedisKeys.blocks(blocker), blocked.value()), null);
    }

    void unblocked(UserId blocker, UserId unblocked) {
        RedisOutages.write(() -> redis.opsForSet().remove(RedisKeys.blocks(blocker), unblocked.value()), null);
        RedisOutages.write(() -> redis.opsForSet().remove(RedisKeys.blockedBy(unblocked), blocker.value()), null);
    }

    /** The users this user has blocked. */
    public Set<String> blocksOf(UserId user) {
        Set<String> blocks = redis.opsForSet().members(RedisKeys.blocks(user));
        return blocks == null ? Set.of() : blocks;
    }

    /** Everyone this user has blocked or been blocked by: nothing ephemeral passes between them. */
    public Set<String> blockedEitherWay(UserId user) {
        Set<String> either = redis.opsForSet().union(List.of(RedisKeys.blocks(user), RedisKeys.blockedBy(user)));
        return either == null ? Set.of() : either;
    }

    /**
     * The conversations the user has sent a message in: their members (but those blocked either way) may
     * see the user's presence.
     */
    public List<ConversationId> spokenIn(UserId user) {
        Set<String> spokeIn = redis.opsForSet().members(RedisKeys.spokeIn(user));
        return spokeIn == null ? List.of() : spokeIn.stream().map(ConversationId::new).toList();
    }
}
