package dev.parley.push.registry;

import dev.parley.platform.redis.RedisKeys;
import dev.parley.kernel.UserId;
import dev.parley.transport.CommandTransportProperties;
import dev.parley.readmodel.redis.RedisSets;
import dev.parley.push.PushProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The session registry in Redis: which push nodes hold sockets of which user, so that the fan-out sends
 * an event only to those nodes. A user's set of node ids changes when their first socket on a node opens
 * and their last one there closes; that is also when they come online (first node) or go offline (last).
 * Each node renews its heartbeat in a sorted set; a node whose heartbeat is older than the expiry is dead,
 * and the first live node to notice removes it from its users' sets, sending them offline.
 */
@Component
public class SessionRegistry {

    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    private static final String NODES = RedisKeys.PUSH_NODES;

    /** KEYS: the user's node set. ARGV: node. Returns the set's size before: 0 means the user just came online. */
    private static final RedisScript<Long> ARRIVE = RedisScript.of("""
            local before = redis.call('SCARD', KEYS[1])
            redis.call('SADD', KEYS[1], ARGV[1])
            return before
            """, Long.class);

    /** KEYS: the user's node set. ARGV: node. Returns the set's size after, or -1 if the node was not in it. */
    private static final RedisScript<Long> DEPART = RedisScript.of("""
            if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then return -1 end
            return redis.call('SCARD', KEYS[1])
            """, Long.class);

    /**
     * KEYS: the heartbeat set. ARGV: node, now in ms. Renews the node's entry; returns 1 if the entry was
     * there, 0 if it was gone (reaped by a peer that took this node for dead, or lost with Redis's data).
     */
    private static final RedisScript<Long> HEARTBEAT = RedisScript.of("""
            local present = redis.call('ZSCORE', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            if present then return 1 end
            return 0
            """, Long.class);

    /**
     * KEYS: the heartbeat set. ARGV: node, the expiry bound in ms. Removes the node's entry only if it is
     * still expired, and returns 1 if so: the claim on a dead node. Checked and removed in one step, because
     * a node restarted under the same id may renew its entry (and take sockets) between a peer's read of
     * the expired entries and its claim; reaping it then would release users it had just registered.
     */
    private static final RedisScript<Long> CLAIM_EXPIRED = RedisScript.of("""
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if score and tonumber(score) <= tonumber(ARGV[2]) then
              return redis.call('ZREM', KEYS[1], ARGV[1])
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final PresencePublisher presence;
    private final String nodeId;
    private final PushProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Set by the first heartbeat that wrote the entry: from then on, an entry found gone means it was lost. */
    private volatile boolean registered;
    /** Set once the node left the registry (its stop): no heartbeat renews the entry after that. */
    private volatile boolean left;
    /** Heartbeats that failed in a row (Redis unreachable); logged when the run starts and when it ends. */
    private volatile int failedHeartbeats;

    SessionRegistry(StringRedisTemplate redis, PresencePublisher presence, CommandTransportProperties node,
                    PushProperties properties, ApplicationEventPublisher events) {
        this.redis = redis;
        this.presence = presence;
        this.nodeId = node.nodeId();
        this.properties = properties;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    public String nodeId() {
        return nodeId;
    }

    /** The user's first socket on this node opened: record it, and announce them online if no node held them. */
    public void arrived(UserId user) {
        redis.opsForSet().add(RedisKeys.nodeUsers(nodeId), user.value());
        Long before = redis.execute(ARRIVE, List.of(RedisKeys.userNodes(user.value())), nodeId);
        if (before != null && before == 0) {
            presence.publish(user, true, nodeId);
        }
    }

    /** The user's last socket on this node closed: forget it, and announce them offline if no node holds them now. */
    public void departed(UserId user) {
        leave(user.value(), nodeId);
        redis.opsForSet().remove(RedisKeys.nodeUsers(nodeId), user.value());
    }

    /** For each user, the nodes holding their sockets (one round trip for all of them). */
    public Map<String, Set<String>> nodesOf(Collection<String> users) {
        List<String> ordered = new ArrayList<>(users);
        List<Set<String>> sets = RedisSets.membersOfEach(redis, ordered.stream().map(RedisKeys::userNodes).toList());
        Map<String, Set<String>> nodes = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (!sets.get(i).isEmpty()) {
                nodes.put(ordered.get(i), sets.get(i));
            }
        }
        return nodes;
    }

    /**
     * Renews this node's heartbeat ({@link NodeHeartbeat} calls it, first before the node takes any socket);
     * a node that stops renewing is reaped by the others. If the entry is
     * found gone after this node had written it, this node was declared dead while it could not renew (a
     * pause past the expiry, or Redis away or restarted empty): its users were released and pushes for them
     * went elsewhere or nowhere. It then announces {@link RegistrationLost}, on which every socket here is
     * asked to reconnect, so that each client registers again and catches up on what it missed.
     */
    synchronized void heartbeat() {
        if (left) {
            return; // a node that left must not put its entry back: its peers would route to it again
        }
        Long present;
        try {
            present = redis.execute(HEARTBEAT, List.of(NODES), nodeId, Long.toString(clock.millis()));
        } catch (RuntimeException failure) {
            if (failedHeartbeats++ == 0) {
                log.warn("push node {} cannot renew its heartbeat: {}; retrying every {}", nodeId, failure.toString(),
                        properties.heartbeatInterval());
            }
            return;
        }
        if (failedHeartbeats > 0) {
            log.info("push node {} renews its heartbeat again, after {} failed attempts", nodeId, failedHeartbeats);
            failedHeartbeats = 0;
        }
        if (present != null && present == 0 && registered) {
            log.warn("push node {} was taken for dead (its registry entry was gone); asking its sockets to reconnect", nodeId);
            events.publishEvent(new RegistrationLost(nodeId));
        }
        registered = true;
    }

    /** Finds nodes whose heartbeat expired and, for each one this node is first to claim, sends its users offline. */
    @Scheduled(fixedDelayString = "${parley.push.heartbeat-interval:5s}", initialDelayString = "${parley.push.heartbeat-interval:5s}")
    public void reapDeadNodes() {
        if (failedHeartbeats > 0) {
            return; // Redis is away: the heartbeat reports it; reaping would fail the same way
        }
        double expired = clock.millis() - properties.nodeExpiry().toMillis();
        Set<String> dead = redis.opsForZSet().rangeByScore(NODES, Double.NEGATIVE_INFINITY, expired);
        if (dead == null) {
            return;
        }
        for (String node : dead) {
            if (node.equals(nodeId)) {
                continue; // its own entry, from before a pause: its next heartbeat renews it, nothing was lost
            }
            // Removing the entry is the claim: one node wins it, the others (and a node renewed meanwhile) see 0.
            if (claimIfExpired(node, (long) expired)) {
                int users = reap(node);
                log.info("push node {} stopped heartbeating; {} of its users released", node, users);
            }
        }
    }

    /** Whether this node won the claim on {@code node}: its entry was there and no newer than {@code expiredBoundMs}. */
    boolean claimIfExpired(String node, long expiredBoundMs) {
        Long claimed = redis.execute(CLAIM_EXPIRED, List.of(NODES), node, Long.toString(expiredBoundMs));
        return claimed != null && claimed == 1;
    }

    /** This node is stopping: each of its users leaves (offline unless another node holds them), then the node. */
    public synchronized void leaveAll(Collection<UserId> users) {
        left = true;
        for (UserId user : users) {
            departed(user);
        }
        redis.delete(RedisKeys.nodeUsers(nodeId));
        redis.opsForZSet().remove(NODES, nodeId);
    }

    private int reap(String node) {
        int users = 0;
        try (Cursor<String> members = redis.opsForSet().scan(RedisKeys.nodeUsers(node), ScanOptions.scanOptions().count(500).build())) {
            while (members.hasNext()) {
                leave(members.next(), node);
                users++;
            }
        }
        redis.delete(RedisKeys.nodeUsers(node));
        return users;
    }

    private void leave(String user, String node) {
        Long after = redis.execute(DEPART, List.of(RedisKeys.userNodes(user)), node);
        if (after != null && after == 0) {
            presence.publish(new UserId(user), false, node);
        }
    }
}
