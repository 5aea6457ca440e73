package dev.parley.projections.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.projections.ProjectionIT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Membership events in; each conversation's member set in Redis out, unchanged by redelivery. */
class MembershipProjectionIT extends ProjectionIT {

    private static final Instant T0 = Instant.now();

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aGroupsMemberSetFollowsItsHistoryAndARedeliveryCannotReAddWhoLeft() throws Exception {
        ConversationId group = ConversationId.newGroup();
        UserId ada = UserId.random();
        UserId bob = UserId.random();
        UserId cy = UserId.random();
        List<Object> history = List.of(
                new GroupCreated(group, ada, "Team", List.of(ada, bob), T0),
                new MembersAdded(group, ada, List.of(cy), T0),
                new MemberRemoved(group, ada, bob, T0),
                new MemberLeft(group, cy, null, T0));
        events.publishHistory(topics.events().name(), "Conversation", group.value(), 0, history);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(version(group)).isEqualTo("3"));
        assertThat(members(group)).containsExactly(ada.value());

        // Everything again: MembersAdded(cy) must not bring back cy, who left after it.
        events.publishHistory(topics.events().name(), "Conversation", group.value(), 0, history);
        ConversationId direct = ConversationId.direct(ada, bob);
        events.publishHistory(topics.events().name(), "Conversation", direct.value(), 0,
                List.of(new DirectConversationOpened(direct, List.of(ada, bob), ada, T0)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(members(direct)).containsExactlyInAnyOrder(ada.value(), bob.value()));

        assertThat(members(group)).containsExactly(ada.value());
        assertThat(version(group)).isEqualTo("3");
    }

    private List<String> members(ConversationId conversation) {
        return List.copyOf(redis.opsForSet().members(RedisKeys.members(conversation)));
    }

    private String version(ConversationId conversation) {
        return redis.opsForValue().get(RedisKeys.membersVersion(conversation));
    }
}
