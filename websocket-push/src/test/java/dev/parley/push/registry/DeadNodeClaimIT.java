package dev.parley.push.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.redis.RedisKeys;
import dev.parley.testing.UsesRealServers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A peer claims a dead node only while its entry is still expired. A node restarted under the same id
 * renews its entry and takes sockets within seconds; a peer that read the expired entries just before that
 * and reaped it anyway released users the new process had just registered (the fault suite's push-node
 * phase saw a user on the restarted node miss live pushes until it reconnected).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class DeadNodeClaimIT {

    private static final long EXPIRY_MS = 20_000;

    @Autowired
    SessionRegistry registry;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void aNodeThatRenewedItsEntryAfterItWasSeenExpiredIsNotClaimed() {
        String node = "restarted-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        long boundWhenSeenExpired = now - EXPIRY_MS;
        // Seen expired by a peer's read, then renewed by the node's new process before the peer's claim.
        redis.opsForZSet().add(RedisKeys.PUSH_NODES, node, now);

        assertThat(registry.claimIfExpired(node, boundWhenSeenExpired)).isFalse();
        assertThat(redis.opsForZSet().score(RedisKeys.PUSH_NODES, node)).isEqualTo((double) now);
    }

    @Test
    void aNodeStillExpiredIsClaimedByOnePeerOnly() {
        String node = "dead-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        redis.opsForZSet().add(RedisKeys.PUSH_NODES, node, now - 3 * EXPIRY_MS);

        assertThat(registry.claimIfExpired(node, now - EXPIRY_MS)).isTrue();
        assertThat(registry.claimIfExpired(node, now - EXPIRY_MS)).as("a second peer's claim").isFalse();
        assertThat(redis.opsForZSet().score(RedisKeys.PUSH_NODES, node)).isNull();
    }
}
