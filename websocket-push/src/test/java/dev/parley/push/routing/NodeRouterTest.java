package dev.parley.push.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeRouterTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachNodeGetsItsUsersShareOfEveryDeliveryInOrderAndNodesWithNoneGetNothing() {
        List<Delivery> deliveries = List.of(
                new Delivery(List.of("ada", "bob", "cy"), "{\"n\":1}", "d:1", 1),
                new Delivery(List.of("bob"), "{\"n\":2}", null, 0),
                new Delivery(List.of("cy"), "{\"n\":3}", "d:1", 2));
        Map<String, Set<String>> nodesOfUser = Map.of("ada", Set.of("a"), "bob", Set.of("b"), "cy", Set.of());

        Map<String, NodeEnvelope> envelopes = NodeRouter.envelopes(deliveries, nodesOfUser);

        assertThat(envelopes).containsOnlyKeys("a", "b");
        assertThat(envelopes.get("a").entries()).containsExactly(new NodeEnvelope.Entry(List.of("ada"), "{\"n\":1}", "d:1", 1));
        assertThat(envelopes.get("b").entries()).containsExactly(
                new NodeEnvelope.Entry(List.of("bob"), "{\"n\":1}", "d:1", 1),
                new NodeEnvelope.Entry(List.of("bob"), "{\"n\":2}", null, 0));
    }

    @Test
    void aUserOnTwoNodesIsReachedOnBoth() {
        Map<String, NodeEnvelope> envelopes = NodeRouter.envelopes(List.of(new Delivery(List.of("ada"), "{}", null, 0)),
                Map.of("ada", Set.of("a", "b")));

        assertThat(envelopes).containsOnlyKeys("a", "b");
    }

    @Test
    void theReceivingNodeHandsEachEntryToItsSocketsAsSentAndSurvivesAnUnreadableEnvelope() throws Exception {
        List<String> handed = new ArrayList<>();
        LocalDelivery sockets = (Collection<String> users, String frame, String conversationId, long seq) ->
                handed.add(users + " " + frame + " " + conversationId + " " + seq);
        NodeChannel.Receiver receiver = new NodeChannel.Receiver(sockets, json);
        NodeEnvelope envelope = new NodeEnvelope(List.of(
                new NodeEnvelope.Entry(List.of("ada", "bob"), "{\"type\":\"message\",\"text\":\"\\\"hi\\\"\"}", "d:1", 4),
                new NodeEnvelope.Entry(List.of("bob"), "{\"type\":\"presence\"}", null, 0)));

        receiver.receive("not an envelope".getBytes());
        receiver.receive(json.writeValueAsBytes(envelope));

        assertThat(handed).containsExactly("[ada, bob] {\"type\":\"message\",\"text\":\"\\\"hi\\\"\"} d:1 4",
                "[bob] {\"type\":\"presence\"} null 0");
    }
}
