package dev.parley.push.fanout;

import dev.parley.push.routing.NodeRouter;
import dev.parley.push.routing.Delivery;
import dev.parley.push.events.EventRecords;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.ConversationEvent;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.GroupRenamed;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesDelivered;
import dev.parley.kernel.conversation.MessagesRead;
import dev.parley.kernel.media.MediaUrls;
import dev.parley.kernel.presence.PresenceChanged;
import dev.parley.kernel.protocol.Pushes.MembershipPush;
import dev.parley.kernel.protocol.Pushes.MessagePush;
import dev.parley.kernel.protocol.Pushes.PresencePush;
import dev.parley.kernel.protocol.Pushes.ReceiptPush;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.readmodel.membership.MemberSets;
import dev.parley.readmodel.conversation.RoutedMessages;
import dev.parley.push.PushProperties;
import dev.parley.readmodel.consent.ConsentSets;
import dev.parley.readmodel.presence.PresenceAudience;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.stereotype.Component;

/**
 * The fan-out: this node's share (a consumer group's partitions) of the events and presence topics. For
 * each event it works out whom it concerns and what they are pushed, then routes a batch's deliveries to
 * the nodes holding those users. A conversation's events sit in one partition and are handled in order,
 * so they reach each socket in {@code seq} order. A membership event is applied to the member set before
 * the events after it are routed, so a new member gets the messages that follow their joining.
 */
@Component
class EventFanout implements BatchMessageListener<String, byte[]> {

    private final EventRecords records;
    private final MemberSets memberSets;
    private final CurrentMembers currentMembers;
    private final ConsentSets consent;
    private final NodeRouter router;
    private final RoutedMessages routedMessages;
    private final PushProperties properties;
    private final ObjectMapper json;
    private final MediaUrls mediaUrls;

    EventFanout(EventRecords records, MemberSets memberSets, CurrentMembers currentMembers, ConsentSets consent,
                NodeRouter router, RoutedMessages routedMessages, PushProperties properties, ObjectMapper json,
                MediaUrls mediaUrls) {
        this.mediaUrls = mediaUrls;
        this.currentMembers = currentMembers;
        this.records = records;
        this.routedMessages = routedMessages;
        this.properties = properties;
        this.memberSets = memberSets;
        this.consent = consent;
        this.router = router;
        this.json = json;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> batch) {
        List<EventMessage<?>> events = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            records.read(record).ifPresent(events::add);
        }
        // Three round trips to Redis a batch, however many events it holds: the member sets of its
        // conversations, the routed messages and seqs (recorded before anything is routed, so that catch-up
        // finds every message a socket registered too late for), and the nodes of its users.
        Set<ConversationId> conversations = new LinkedHashSet<>();
        events.forEach(event -> {
            if (event.getPayload() instanceof ConversationEvent conversationEvent) {
                conversations.add(conversationEvent.conversationId());
            }
        });
        // Where a member set may be stale (a replay of membership, a set lost with Redis's data), the
        // members come from the read model instead (CurrentMembers): one more round trip, to Redis, a batch.
        boolean setsMarkedStale = currentMembers.setsMarkedStale();
        Map<ConversationId, Set<String>> members = new HashMap<>(currentMembers.of(conversations, setsMarkedStale));
        Map<ConversationId, List<ChatMessage>> routed = new LinkedHashMap<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (EventMessage<?> event : events) {
            deliveries.addAll(deliveriesOf(event, members, routed, setsMarkedStale));
        }
        routedMessages.record(routed, properties.routedMessagesTtl(), properties.maxRoutedMessages());
        router.route(deliveries);
    }

    private List<Delivery> deliveriesOf(EventMessage<?> message, Map<ConversationId, Set<String>> members,
                                        Map<ConversationId, List<ChatMessage>> routed, boolean setsMarkedStale) {
        Object event = message.getPayload();
        if (event instanceof PresenceChanged presence) {
            UserId user = presence.userId();
            return List.of(presence(presence, memberSets.members(consent.spokenIn(user)), consent.blockedEitherWay(user), json));
        }
        if (!(event instanceof ConversationEvent conversationEvent) || !(message instanceof DomainEventMessage<?> domain)) {
            return List.of(); // user events concern no socket
        }
        ConversationId conversation = conversationEvent.conversationId();
        if (MemberSets.changesMembers(conversationEvent)) {
            // Rare next to messages: applied and read back at once, so the events after it see the change.
            members.put(conversation, currentMembers.afterChange(conversationEvent, domain.getSequenceNumber(), setsMarkedStale));
        }
        return deliveriesOf(conversationEvent, members.getOrDefault(conversation, Set.of()), routed, json, mediaUrls);
    }

    /**
     * What a conversation event pushes, and to whom, given its conversation's members once the event is
     * applied; a message is also added to {@code routed}, to be recorded for catch-up. A message's media
     * URLs are signed here, once per event: the push's JSON is written once for every recipient, and what
     * is recorded for catch-up keeps the object keys only (history signs again when it serves them).
     */
    static List<Delivery> deliveriesOf(ConversationEvent event, Set<String> members,
                                       Map<ConversationId, List<ChatMessage>> routed, ObjectMapper json, MediaUrls mediaUrls) {
        ConversationId conversation = event.conversationId();
        if (event instanceof MessageSent sent) {
            ChatMessage chat = new ChatMessage(sent.conversationId(), sent.messageId(), sent.seq(), sent.senderId(),
                    sent.clientMsgId(), sent.sentAt(), sent.text(), sent.media());
            routed.computeIfAbsent(conversation, c -> new ArrayList<>()).add(chat);
            return List.of(Delivery.of(members, new MessagePush(chat.signed(mediaUrls)), conversation.value(), sent.seq(), json));
        }
        Object push = pushOf(event);
        if (push == null) {
            return List.of();
        }
        Set<String> users = new LinkedHashSet<>(members);
        // Who left or was removed hears it too: they are no longer in the set.
        if (event instanceof MemberRemoved removed) {
            users.add(removed.userId().value());
        } else if (event instanceof MemberLeft left) {
            users.add(left.userId().value());
        }
        return List.of(Delivery.of(users, push, conversation.value(), 0, json));
    }

    /** The push of a conversation event other than a message; null for events clients are not told of. */
    private static Object pushOf(Object event) {
        if (event instanceof MessagesDelivered delivered) {
            return new ReceiptPush(delivered.conversationId(), delivered.userId(), "delivered", delivered.seq());
        }
        if (event instanceof MessagesRead read) {
            return new ReceiptPush(read.conversationId(), read.userId(), "read", read.seq());
        }
        if (event instanceof DirectConversationOpened opened) {
            return new MembershipPush(opened.conversationId(), "created", opened.memberIds(), null, opened.openedBy());
        }
        if (event instanceof GroupCreated created) {
            return new MembershipPush(created.conversationId(), "created", created.memberIds(), created.title(), created.creator());
        }
        if (event instanceof MembersAdded added) {
            return new MembershipPush(added.conversationId(), "joined", added.userIds(), null, added.by());
        }
        if (event instanceof MemberRemoved removed) {
            return new MembershipPush(removed.conversationId(), "removed", List.of(removed.userId()), null, removed.by());
        }
        if (event instanceof MemberLeft left) {
            return new MembershipPush(left.conversationId(), "left", List.of(left.userId()), null, left.userId());
        }
        if (event instanceof GroupRenamed renamed) {
            return new MembershipPush(renamed.conversationId(), "renamed", List.<UserId>of(), renamed.title(), renamed.by());
        }
        return null;
    }

    /** A presence change goes only to its {@link PresenceAudience}: those the user has chatted with. */
    static Delivery presence(PresenceChanged change, Map<ConversationId, Set<String>> membersWhereTheySpoke,
                             Set<String> blockedEitherWay, ObjectMapper json) {
        Set<String> audience = PresenceAudience.of(change.userId(), membersWhereTheySpoke, blockedEitherWay);
        return Delivery.of(audience, new PresencePush(change.userId(), change.online(), change.at()), null, 0, json);
    }
}
