package dev.parley.push.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.push.registry.SessionRegistry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends deliveries to the nodes that hold their users' sockets, and only to those: it looks the users up
 * in the session registry (one round trip for a whole batch) and publishes one message per node on that
 * node's channel, holding that node's share of the deliveries in their order.
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

    /** The channel a node listens on. */
    static String channel(String nodeId) {
        return "parley:push:" + nodeId;
    }

    public void route(List<Delivery> deliveries) {
        Set<String> users = new LinkedHashSet<>();
        deliveries.forEach(delivery -> users.addAll(delivery.users()));
        if (users.isEmpty()) {
            return;
        }
        Map<String, Set<String>> nodesOfUser = registry.nodesOf(users);
        Map<String, ArrayNode> byNode = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            Map<String, ObjectNode> entryOfNode = new LinkedHashMap<>();
            for (String user : delivery.users()) {
                for (String node : nodesOfUser.getOrDefault(user, Set.of())) {
                    entryOfNode.computeIfAbsent(node, n -> {
                        ObjectNode entry = byNode.computeIfAbsent(n, any -> json.createArrayNode()).addObject();
                        entry.putArray("u");
                        entry.set("f", delivery.frame());
                        if (delivery.messageSeq() > 0) {
                            entry.put("c", delivery.conversationId());
                            entry.put("s", delivery.messageSeq());
                        }
                        return entry;
                    }).withArray("u").add(user);
                }
            }
        }
        byNode.forEach((node, entries) -> {
            try {
                redis.convertAndSend(channel(node), json.writeValueAsString(entries));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a push that cannot be written as JSON", e);
            }
        });
    }
}
