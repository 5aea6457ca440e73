package dev.parley.push.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.push.registry.SessionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends deliveries to the nodes that hold their users' sockets, and only to those: it looks the users up
 * in the session registry (one round trip for a whole batch) and publishes one {@link NodeEnvelope} per
 * node on that node's channel, holding that node's share of the deliveries in their order.
 */
@Component
public class NodeRouter {

    private final SessionRegistry registry;
    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    NodeRouter(SessionRegistry registry, StringRedisTemplate redis, ObjectMapper json) {
        this.registry = registry;
        this.redis = redis;
        this.json = json;
    }

    public void route(List<Delivery> deliveries) {
        Set<String> users = new LinkedHashSet<>();
        deliveries.forEach(delivery -> users.addAll(delivery.users()));
        if (users.isEmpty()) {
            return;
        }
        envelopes(deliveries, registry.nodesOf(users)).forEach((node, envelope) -> {
            try {
                redis.convertAndSend(RedisKeys.nodeChannel(node), json.writeValueAsString(envelope));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an envelope that cannot be written as JSON", e);
            }
        });
    }

    /** Each node's envelope: per delivery, one entry naming that delivery's users on that node. */
    static Map<String, NodeEnvelope> envelopes(List<Delivery> deliveries, Map<String, Set<String>> nodesOfUser) {
        Map<String, List<NodeEnvelope.Entry>> byNode = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            Map<String, List<String>> usersOnNode = new LinkedHashMap<>();
            for (String user : delivery.users()) {
                for (String node : nodesOfUser.getOrDefault(user, Set.of())) {
                    usersOnNode.computeIfAbsent(node, n -> new ArrayList<>()).add(user);
                }
            }
            usersOnNode.forEach((node, onNode) -> byNode.computeIfAbsent(node, n -> new ArrayList<>())
                    .add(new NodeEnvelope.Entry(onNode, delivery.frame(), delivery.conversationId(), delivery.messageSeq())));
        }
        Map<String, NodeEnvelope> envelopes = new LinkedHashMap<>();
        byNode.forEach((node, entries) -> envelopes.put(node, new NodeEnvelope(entries)));
        return envelopes;
    }
}
