package dev.parley.push.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.ConversationEvent;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.FirstMessageSent;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.GroupRenamed;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesDelivered;
import dev.parley.kernel.conversation.MessagesRead;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.MediaUrls;
import dev.parley.kernel.presence.PresenceChanged;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.push.routing.Delivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who the fan-out pushes each event to, and what, with the member sets held in memory: the sets as they
 * stand once the event is applied, which is what the fan-out reads back from Redis before routing.
 */
class EventFanoutTest {

    private static final ConversationId GROUP = new ConversationId("g:team");
    private static final UserId ADA = new UserId("ada");
    private static final UserId BOB = new UserId("bob");
    private static final UserId CY = new UserId("cy");
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<ConversationId, List<ChatMessage>> routed = new LinkedHashMap<>();
    /** Counts what it signs: the fan-out must sign once per event, not once per recipient. */
    private static final List<String> SIGNED = new ArrayList<>();
    private static final MediaUrls URLS = key -> {
        SIGNED.add(key);
        return "https://media.example/parley-media/" + key + "?X-Amz-Signature=s" + SIGNED.size();
    };

    @Test
    void aMessageGoesToEveryMemberIncludingTheSenderAndIsRecordedForCatchUp() throws Exception {
        MessageSent sent = new MessageSent(GROUP, new MessageId("m-7"), 7, ADA, "c-1", "hi", null, AT);

        Delivery delivery = only(EventFanout.deliveriesOf(sent, members("ada", "bob", "cy"), routed, json, URLS));

        assertThat(delivery.users()).containsExactlyInAnyOrder("ada", "bob", "cy");
        assertThat(delivery.conversationId()).isEqualTo("g:team");
        assertThat(delivery.messageSeq()).isEqualTo(7);
        JsonNode frame = json.readTree(delivery.frame());
        assertThat(frame.get("type").asText()).isEqualTo("message");
        assertThat(frame.get("seq").asLong()).isEqualTo(7);
        assertThat(frame.get("text").asText()).isEqualTo("hi");
        assertThat(frame.get("senderId").asText()).isEqualTo("ada");
        assertThat(routed).containsOnlyKeys(GROUP);
        assertThat(routed.get(GROUP)).extracting(ChatMessage::seq).containsExactly(7L);
    }

    @Test
    void aMessageWithMediaIsPushedWithUrlsSignedOnceForAllItsRecipientsAndRecordedWithoutThem() throws Exception {
        SIGNED.clear();
        MediaAttachment photo = new MediaAttachment(new MediaId("p-1"), "image/jpeg", 51_200, 2048, 1536,
                "media/ab/abcdef.jpg", "media/ab/abcdef-thumb.jpg");
        MessageSent sent = new MessageSent(GROUP, new MessageId("m-8"), 8, ADA, "c-8", "look", photo, AT);

        Delivery delivery = only(EventFanout.deliveriesOf(sent, members("ada", "bob", "cy"), routed, json, URLS));

        assertThat(SIGNED).containsExactly("media/ab/abcdef.jpg", "media/ab/abcdef-thumb.jpg");
        JsonNode media = json.readTree(delivery.frame()).get("media");
        assertThat(media.get("mediaId").asText()).isEqualTo("p-1");
        assertThat(media.get("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(media.get("size").asLong()).isEqualTo(51_200);
        assertThat(media.get("width").asInt()).isEqualTo(2048);
        assertThat(media.get("height").asInt()).isEqualTo(1536);
        assertThat(media.get("url").asText()).startsWith("https://media.example/parley-media/media/ab/abcdef.jpg?");
        assertThat(media.get("thumbnailUrl").asText()).startsWith("https://media.example/parley-media/media/ab/abcdef-thumb.jpg?");
        assertThat(media.has("objectKey")).as("object keys are not the client's business").isFalse();
        ChatMessage recorded = routed.get(GROUP).get(0);
        assertThat(recorded.attachment()).isEqualTo(photo);
        assertThat(recorded.media().url()).as("what is kept for catch-up holds no URL that expires").isNull();
    }

    @Test
    void aMessageWithoutMediaIsPushedWithMediaNull() throws Exception {
        Delivery delivery = only(EventFanout.deliveriesOf(message(GROUP, 2), members("ada"), routed, json, URLS));

        JsonNode frame = json.readTree(delivery.frame());
        assertThat(frame.has("media")).isTrue();
        assertThat(frame.get("media").isNull()).isTrue();
    }

    @Test
    void aBatchRecordsEachConversationsMessagesInTheirOrder() {
        ConversationId other = new ConversationId("g:other");

        EventFanout.deliveriesOf(message(GROUP, 3), members("ada"), routed, json, URLS);
        EventFanout.deliveriesOf(message(other, 1), members("ada"), routed, json, URLS);
        EventFanout.deliveriesOf(message(GROUP, 4), members("ada"), routed, json, URLS);

        assertThat(routed.get(GROUP)).extracting(ChatMessage::seq).containsExactly(3L, 4L);
        assertThat(routed.get(other)).extracting(ChatMessage::seq).containsExactly(1L);
    }

    @Test
    void aMessageOfAConversationWithNoKnownMembersReachesNobodyButIsStillRecorded() {
        Delivery delivery = only(EventFanout.deliveriesOf(message(GROUP, 1), Set.of(), routed, json, URLS));

        assertThat(delivery.users()).isEmpty();
        assertThat(routed.get(GROUP)).hasSize(1);
    }

    @Test
    void aRemovedMemberHearsOfTheirRemovalButNotOfTheMessagesAfterIt() throws Exception {
        Set<String> afterRemoval = members("ada", "cy");

        Delivery removal = only(EventFanout.deliveriesOf(new MemberRemoved(GROUP, ADA, BOB, AT), afterRemoval, routed, json, URLS));
        Delivery next = only(EventFanout.deliveriesOf(message(GROUP, 8), afterRemoval, routed, json, URLS));

        assertThat(removal.users()).containsExactlyInAnyOrder("ada", "cy", "bob");
        assertThat(removal.messageSeq()).isZero();
        JsonNode frame = json.readTree(removal.frame());
        assertThat(frame.get("type").asText()).isEqualTo("membership");
        assertThat(frame.get("change").asText()).isEqualTo("removed");
        assertThat(frame.get("userIds")).extracting(JsonNode::asText).containsExactly("bob");
        assertThat(frame.get("by").asText()).isEqualTo("ada");
        assertThat(next.users()).containsExactlyInAnyOrder("ada", "cy");
    }

    @Test
    void aMemberWhoLeftHearsOfTheirLeaving() throws Exception {
        Delivery left = only(EventFanout.deliveriesOf(new MemberLeft(GROUP, BOB, ADA, AT), members("ada", "cy"), routed, json, URLS));

        assertThat(left.users()).containsExactlyInAnyOrder("ada", "cy", "bob");
        JsonNode frame = json.readTree(left.frame());
        assertThat(frame.get("change").asText()).isEqualTo("left");
        assertThat(frame.get("userIds")).extracting(JsonNode::asText).containsExactly("bob");
        assertThat(frame.get("by").asText()).isEqualTo("bob");
    }

    @Test
    void theLastMemberLeavingStillHearsOfIt() {
        Delivery left = only(EventFanout.deliveriesOf(new MemberLeft(GROUP, BOB, null, AT), Set.of(), routed, json, URLS));

        assertThat(left.users()).containsExactly("bob");
    }

    @Test
    void addedMembersHearOfTheirJoiningWithTheOthers() throws Exception {
        Delivery joined = only(EventFanout.deliveriesOf(new MembersAdded(GROUP, ADA, List.of(CY), AT),
                members("ada", "bob", "cy"), routed, json, URLS));

        assertThat(joined.users()).containsExactlyInAnyOrder("ada", "bob", "cy");
        JsonNode frame = json.readTree(joined.frame());
        assertThat(frame.get("change").asText()).isEqualTo("joined");
        assertThat(frame.get("userIds")).extracting(JsonNode::asText).containsExactly("cy");
        assertThat(frame.get("by").asText()).isEqualTo("ada");
    }

    @Test
    void aNewConversationIsAnnouncedToItsMembersAsCreated() throws Exception {
        ConversationId direct = ConversationId.direct(ADA, BOB);
        Delivery group = only(EventFanout.deliveriesOf(new GroupCreated(GROUP, ADA, "Team", List.of(ADA, BOB), AT),
                members("ada", "bob"), routed, json, URLS));
        Delivery opened = only(EventFanout.deliveriesOf(new DirectConversationOpened(direct, List.of(ADA, BOB), BOB, AT),
                members("ada", "bob"), routed, json, URLS));

        assertThat(group.users()).containsExactlyInAnyOrder("ada", "bob");
        JsonNode groupFrame = json.readTree(group.frame());
        assertThat(groupFrame.get("change").asText()).isEqualTo("created");
        assertThat(groupFrame.get("title").asText()).isEqualTo("Team");
        assertThat(groupFrame.get("by").asText()).isEqualTo("ada");
        assertThat(opened.users()).containsExactlyInAnyOrder("ada", "bob");
        assertThat(opened.conversationId()).isEqualTo(direct.value());
        JsonNode openedFrame = json.readTree(opened.frame());
        assertThat(openedFrame.get("change").asText()).isEqualTo("created");
        assertThat(openedFrame.get("by").asText()).isEqualTo("bob");
        assertThat(routed).isEmpty();
    }

    @Test
    void aRenameGoesToTheMembersWithTheNewTitle() throws Exception {
        Delivery renamed = only(EventFanout.deliveriesOf(new GroupRenamed(GROUP, BOB, "Crew", AT), members("ada", "bob"), routed, json, URLS));

        assertThat(renamed.users()).containsExactlyInAnyOrder("ada", "bob");
        JsonNode frame = json.readTree(renamed.frame());
        assertThat(frame.get("change").asText()).isEqualTo("renamed");
        assertThat(frame.get("title").asText()).isEqualTo("Crew");
    }

    /** A receipt for seq 5 must not be dropped by a socket that already has message 5: it is not a message push. */
    @Test
    void receiptsGoToTheMembersAsPushesThatNoSocketSkipsBySeq() throws Exception {
        Delivery read = only(EventFanout.deliveriesOf(new MessagesRead(GROUP, BOB, 5, AT), members("ada", "bob"), routed, json, URLS));
        Delivery delivered = only(EventFanout.deliveriesOf(new MessagesDelivered(GROUP, CY, 5, AT), members("ada", "cy"), routed, json, URLS));

        assertThat(read.users()).containsExactlyInAnyOrder("ada", "bob");
        assertThat(read.messageSeq()).isZero();
        JsonNode readFrame = json.readTree(read.frame());
        assertThat(readFrame.get("type").asText()).isEqualTo("receipt");
        assertThat(readFrame.get("kind").asText()).isEqualTo("read");
        assertThat(readFrame.get("userId").asText()).isEqualTo("bob");
        assertThat(readFrame.get("seq").asLong()).isEqualTo(5);
        assertThat(delivered.messageSeq()).isZero();
        assertThat(json.readTree(delivered.frame()).get("kind").asText()).isEqualTo("delivered");
        assertThat(routed).isEmpty();
    }

    @Test
    void everyConversationEventMakesOneDeliveryToItsConversation() {
        List<ConversationEvent> events = List.of(
                new DirectConversationOpened(ConversationId.direct(ADA, BOB), List.of(ADA, BOB), ADA, AT),
                new GroupCreated(GROUP, ADA, "Team", List.of(ADA), AT),
                new MembersAdded(GROUP, ADA, List.of(BOB), AT),
                new MemberRemoved(GROUP, ADA, BOB, AT),
                new MemberLeft(GROUP, ADA, null, AT),
                new GroupRenamed(GROUP, ADA, "Crew", AT),
                message(GROUP, 1),
                new MessagesDelivered(GROUP, ADA, 1, AT),
                new MessagesRead(GROUP, ADA, 1, AT));
        // Who spoke where decides presence's audience; it is not news for any socket.
        ConversationEvent unpushed = new FirstMessageSent(GROUP, ADA, 1, AT);
        Set<Class<?>> covered = new LinkedHashSet<>();
        events.forEach(event -> covered.add(event.getClass()));
        covered.add(unpushed.getClass());
        assertThat(covered).as("a new conversation event needs a decision here: does it reach the sockets?")
                .containsExactlyInAnyOrder(ConversationEvent.class.getPermittedSubclasses());
        assertThat(EventFanout.deliveriesOf(unpushed, members("ada"), routed, json, URLS)).isEmpty();

        for (ConversationEvent event : events) {
            Delivery delivery = only(EventFanout.deliveriesOf(event, members("ada"), routed, json, URLS));
            assertThat(delivery.conversationId()).as(event.getClass().getSimpleName()).isEqualTo(event.conversationId().value());
        }
    }

    @Test
    void aPresenceChangeGoesOnceToEachMemberWhereTheUserSpokeButNotToTheUserNorAnyoneBlocked() throws Exception {
        Map<ConversationId, Set<String>> whereAdaSpoke = new HashMap<>();
        whereAdaSpoke.put(GROUP, members("ada", "bob", "cy", "dee"));
        whereAdaSpoke.put(ConversationId.direct(ADA, BOB), members("ada", "bob"));
        whereAdaSpoke.put(new ConversationId("g:left-since"), members("eli")); // Ada spoke there, then left

        Delivery delivery = EventFanout.presence(new PresenceChanged(ADA, false, AT, "node-1"), whereAdaSpoke,
                Set.of("dee"), json);

        assertThat(new ArrayList<>(delivery.users())).containsExactlyInAnyOrder("bob", "cy");
        assertThat(delivery.messageSeq()).isZero();
        assertThat(delivery.conversationId()).isNull();
        JsonNode frame = json.readTree(delivery.frame());
        assertThat(frame.get("type").asText()).isEqualTo("presence");
        assertThat(frame.get("userId").asText()).isEqualTo("ada");
        assertThat(frame.get("online").asBoolean()).isFalse();
    }

    @Test
    void aPresenceChangeOfAUserWhoSpokeNowhereReachesNobody() {
        Delivery delivery = EventFanout.presence(new PresenceChanged(ADA, true, AT, "node-1"), Map.of(), Set.of(), json);

        assertThat(delivery.users()).isEmpty();
    }

    private static MessageSent message(ConversationId conversation, long seq) {
        return new MessageSent(conversation, new MessageId("m-" + seq), seq, ADA, "c-" + seq, "text " + seq, null, AT);
    }

    private static Set<String> members(String... users) {
        return new LinkedHashSet<>(List.of(users));
    }

    private static Delivery only(List<Delivery> deliveries) {
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }
}
