package dev.parley.projections.conversation;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.GroupRenamed;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.kernel.conversation.MessageBuckets;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesDelivered;
import dev.parley.kernel.conversation.MessagesRead;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Builds the conversation read models in Cassandra: each conversation's row (kind, title, last message),
 * its members with roles and watermarks, each user's list of conversations, and the messages.
 *
 * <p>Every write is an upsert keyed by ids and {@code seq}, or a delete of a key, and carries the event's
 * position in its conversation as its Cassandra write timestamp. So an event handled twice (a redelivery
 * after later events, a replay over existing rows) cannot undo what later events wrote: the later write
 * keeps the higher timestamp, and a member removed and added again is a member. Where a value may only
 * grow (the last message, watermarks) the row is read first and written only when the event raises it:
 * safe without lightweight transactions because one thread handles each conversation's events, in order.
 *
 * <p>A member's own message counts as read by them: their summary never shows their own words as unread.
 */
@Component
@ProcessingGroup(ConversationProjection.NAME)
class ConversationProjection {

    static final String NAME = "conversations";

    private final CqlSession cassandra;
    private final PreparedStatement insertConversation;
    private final PreparedStatement renameConversation;
    private final PreparedStatement readLastSeq;
    private final PreparedStatement writeLastMessage;
    private final PreparedStatement insertMember;
    private final PreparedStatement deleteMember;
    private final PreparedStatement promoteMember;
    private final PreparedStatement readWatermarks;
    private final PreparedStatement writeWatermarks;
    private final PreparedStatement insertUserConversation;
    private final PreparedStatement deleteUserConversation;
    private final PreparedStatement insertMessage;

    ConversationProjection(CqlSession cassandra) {
        this.cassandra = cassandra;
        insertConversation = cassandra.prepare("INSERT INTO conversations (conversation_id, kind, title, created_by,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        renameConversation = cassandra.prepare("UPDATE conversations USING TIMESTAMP ? SET title = ? WHERE conversation_id = ?");
        readLastSeq = cassandra.prepare("SELECT last_seq FROM conversations WHERE conversation_id = ?");
        writeLastMessage = cassandra.prepare("UPDATE conversations USING TIMESTAMP ? SET last_seq = ?, last_message_id = ?,"
                + " last_sender_id = ?, last_client_msg_id = ?, last_sent_at = ?, last_text = ?, last_media_id = ?,"
                + " updated_at = ? WHERE conversation_id = ?");
        insertMember = cassandra.prepare("INSERT INTO members_by_conversation (conversation_id, user_id, admin,"
                + " joined_at) VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
        deleteMember = cassandra.prepare("DELETE FROM members_by_conversation USING TIMESTAMP ? WHERE conversation_id = ? AND user_id = ?");
        promoteMember = cassandra.prepare("UPDATE members_by_conversation USING TIMESTAMP ? SET admin = true"
                + " WHERE conversation_id = ? AND user_id = ?");
        readWatermarks = cassandra.prepare("SELECT delivered_seq, read_seq FROM members_by_conversation"
                + " WHERE conversation_id = ? AND user_id = ?");
        writeWatermarks = cassandra.prepare("UPDATE members_by_conversation USING TIMESTAMP ? SET delivered_seq = ?, read_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        insertUserConversation = cassandra.prepare("INSERT INTO conversations_by_user (user_id, conversation_id,"
                + " joined_at) VALUES (?, ?, ?) USING TIMESTAMP ?");
        deleteUserConversation = cassandra.prepare("DELETE FROM conversations_by_user USING TIMESTAMP ? WHERE user_id = ? AND conversation_id = ?");
        insertMessage = cassandra.prepare("INSERT INTO messages (conversation_id, bucket, seq, message_id, sender_id,"
                + " client_msg_id, sent_at, text, media_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @EventHandler
    void on(DirectConversationOpened event, @SequenceNumber long version) {
        cassandra.execute(insertConversation.bind(event.conversationId().value(), "direct", null,
                event.openedBy().value(), event.at(), event.at(), version));
        event.memberIds().forEach(user -> join(event.conversationId(), user, false, event.at(), version));
    }

    @EventHandler
    void on(GroupCreated event, @SequenceNumber long version) {
        cassandra.execute(insertConversation.bind(event.conversationId().value(), "group", event.title(),
                event.creator().value(), event.at(), event.at(), version));
        event.memberIds().forEach(user -> join(event.conversationId(), user, user.equals(event.creator()), event.at(), version));
    }

    @EventHandler
    void on(MembersAdded event, @SequenceNumber long version) {
        event.userIds().forEach(user -> join(event.conversationId(), user, false, event.at(), version));
    }

    @EventHandler
    void on(MemberRemoved event, @SequenceNumber long version) {
        part(event.conversationId(), event.userId(), version);
    }

    @EventHandler
    void on(MemberLeft event, @SequenceNumber long version) {
        part(event.conversationId(), event.userId(), version);
        if (event.newAdmin() != null) {
            cassandra.execute(promoteMember.bind(version, event.conversationId().value(), event.newAdmin().value()));
        }
    }

    @EventHandler
    void on(GroupRenamed event, @SequenceNumber long version) {
        cassandra.execute(renameConversation.bind(version, event.title(), event.conversationId().value()));
    }

    @EventHandler
    void on(MessageSent event, @SequenceNumber long version) {
        String conversation = event.conversationId().value();
        cassandra.execute(insertMessage.bind(conversation, MessageBuckets.of(event.seq()), event.seq(),
                event.messageId().value(), event.senderId().value(), event.clientMsgId(), event.sentAt(), event.text(),
                event.mediaId() == null ? null : event.mediaId().value()));
        Row last = cassandra.execute(readLastSeq.bind(conversation)).one();
        if (last == null || last.isNull("last_seq") || last.getLong("last_seq") < event.seq()) {
            cassandra.execute(writeLastMessage.bind(version, event.seq(), event.messageId().value(), event.senderId().value(),
                    event.clientMsgId(), event.sentAt(), event.text(), event.mediaId() == null ? null : event.mediaId().value(),
                    event.sentAt(), conversation));
        }
        raiseWatermarks(event.conversationId(), event.senderId(), event.seq(), event.seq(), version);
    }

    @EventHandler
    void on(MessagesDelivered event, @SequenceNumber long version) {
        raiseWatermarks(event.conversationId(), event.userId(), event.seq(), 0, version);
    }

    @EventHandler
    void on(MessagesRead event, @SequenceNumber long version) {
        raiseWatermarks(event.conversationId(), event.userId(), event.seq(), event.seq(), version);
    }

    private void join(ConversationId conversation, UserId user, boolean admin, Instant at, long version) {
        cassandra.execute(insertMember.bind(conversation.value(), user.value(), admin, at, version));
        cassandra.execute(insertUserConversation.bind(user.value(), conversation.value(), at, version));
    }

    private void part(ConversationId conversation, UserId user, long version) {
        cassandra.execute(deleteMember.bind(version, conversation.value(), user.value()));
        cassandra.execute(deleteUserConversation.bind(version, user.value(), conversation.value()));
    }

    /** Watermarks only grow; read implies delivered. Nothing for someone no longer a member. */
    private void raiseWatermarks(ConversationId conversation, UserId user, long delivered, long read, long version) {
        Row current = cassandra.execute(readWatermarks.bind(conversation.value(), user.value())).one();
        if (current == null) {
            return;
        }
        long newRead = Math.max(current.getLong("read_seq"), read); // an unset column reads as 0
        long newDelivered = Math.max(Math.max(current.getLong("delivered_seq"), delivered), newRead);
        if (newRead != current.getLong("read_seq") || newDelivered != current.getLong("delivered_seq")) {
            cassandra.execute(writeWatermarks.bind(version, newDelivered, newRead, conversation.value(), user.value()));
        }
    }
}
