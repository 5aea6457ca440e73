package dev.parley.readmodel.conversation;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.parley.readmodel.cassandra.PendingWrites;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.GroupRenamed;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.readmodel.conversation.MessageBuckets;
import dev.parley.readmodel.media.MediaColumns;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesDelivered;
import dev.parley.kernel.conversation.MessagesRead;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Builds the conversation read models in Cassandra: each conversation's row (kind, title, last message),
 * its members with roles and watermarks, each user's list of conversations, and the messages.
 *
 * <p>Every write is a blind upsert (or a delete of a key) that carries the event's position in its
 * conversation (its aggregate sequence number) as the Cassandra write timestamp, and every column is
 * written only by events after which its value is the right one: the last message by the newest
 * {@code MessageSent}, {@code read_seq} by the newest {@code MessagesRead} (the aggregate only ever
 * raises it), a member's own latest message into a column of its own. So the last write by event order
 * wins whatever order the writes land in, an event handled twice (a redelivery after later events, a
 * replay over existing rows) cannot undo what later events wrote, and a member removed and added again
 * is a member. Nothing is read before writing, so a batch's writes go out together
 * ({@link PendingWrites}) and are awaited before its position is saved; the conversation's last message
 * (and with it its {@code last_seq}) goes out after the batch's message rows, so that whoever reads a
 * {@code last_seq} finds every message up to it in {@code messages}.
 */
@ProcessingGroup(ConversationProjection.NAME)
public class ConversationProjection {

    static final String NAME = "conversations";
    static final String DIRECT = "direct";
    static final String GROUP = "group";

    private final PendingWrites writes;
    private final PreparedStatement insertConversation;
    private final PreparedStatement renameConversation;
    private final PreparedStatement writeLastMessage;
    private final PreparedStatement insertMember;
    private final PreparedStatement deleteMember;
    private final PreparedStatement promoteMember;
    private final PreparedStatement writeDelivered;
    private final PreparedStatement writeRead;
    private final PreparedStatement writeOwnLast;
    private final PreparedStatement insertUserConversation;
    private final PreparedStatement deleteUserConversation;
    private final PreparedStatement insertMessage;
    private final PreparedStatement insertConversationOfDay;
    private final PreparedStatement insertDay;

    ConversationProjection(CqlSession cassandra, PendingWrites writes) {
        this.writes = writes;
        insertConversation = cassandra.prepare("INSERT INTO conversations (conversation_id, kind, title, created_by,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        renameConversation = cassandra.prepare("UPDATE conversations USING TIMESTAMP ? SET title = ? WHERE conversation_id = ?");
        writeLastMessage = cassandra.prepare("UPDATE conversations USING TIMESTAMP ? SET last_seq = ?, last_message_id = ?,"
                + " last_sender_id = ?, last_client_msg_id = ?, last_sent_at = ?, last_text = ?, "
                + MediaColumns.assignments("last_") + ", updated_at = ? WHERE conversation_id = ?");
        insertMember = cassandra.prepare("INSERT INTO members_by_conversation (conversation_id, user_id, admin,"
                + " joined_at) VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
        deleteMember = cassandra.prepare("DELETE FROM members_by_conversation USING TIMESTAMP ? WHERE conversation_id = ? AND user_id = ?");
        promoteMember = cassandra.prepare("UPDATE members_by_conversation USING TIMESTAMP ? SET admin = true"
                + " WHERE conversation_id = ? AND user_id = ?");
        writeDelivered = cassandra.prepare("UPDATE members_by_conversation USING TIMESTAMP ? SET delivered_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        writeRead = cassandra.prepare("UPDATE members_by_conversation USING TIMESTAMP ? SET read_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        writeOwnLast = cassandra.prepare("UPDATE members_by_conversation USING TIMESTAMP ? SET own_last_seq = ?"
                + " WHERE conversation_id = ? AND user_id = ?");
        insertUserConversation = cassandra.prepare("INSERT INTO conversations_by_user (user_id, conversation_id,"
                + " kind, joined_at) VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
        deleteUserConversation = cassandra.prepare("DELETE FROM conversations_by_user USING TIMESTAMP ? WHERE user_id = ? AND conversation_id = ?");
        insertMessage = cassandra.prepare("INSERT INTO messages (conversation_id, bucket, seq, message_id, sender_id,"
                + " client_msg_id, sent_at, text, " + MediaColumns.names("") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertConversationOfDay = cassandra.prepare("INSERT INTO conversations_by_day (day, created_at, conversation_id,"
                + " kind) VALUES (?, ?, ?, ?)");
        insertDay = cassandra.prepare("INSERT INTO conversation_days (shard, day) VALUES (0, ?)");
    }

    @EventHandler
    void on(DirectConversationOpened event, @SequenceNumber long version) {
        writes.send(insertConversation.bind(event.conversationId().value(), DIRECT, null,
                event.openedBy().value(), event.at(), event.at(), version));
        listForAdmins(event.conversationId(), DIRECT, event.at());
        event.memberIds().forEach(user -> join(event.conversationId(), DIRECT, user, false, event.at(), version));
    }

    @EventHandler
    void on(GroupCreated event, @SequenceNumber long version) {
        writes.send(insertConversation.bind(event.conversationId().value(), GROUP, event.title(),
                event.creator().value(), event.at(), event.at(), version));
        listForAdmins(event.conversationId(), GROUP, event.at());
        event.memberIds().forEach(user -> join(event.conversationId(), GROUP, user, user.equals(event.creator()), event.at(), version));
    }

    @EventHandler
    void on(MembersAdded event, @SequenceNumber long version) {
        // Only groups take new members.
        event.userIds().forEach(user -> join(event.conversationId(), GROUP, user, false, event.at(), version));
    }

    @EventHandler
    void on(MemberRemoved event, @SequenceNumber long version) {
        part(event.conversationId(), event.userId(), version);
    }

    @EventHandler
    void on(MemberLeft event, @SequenceNumber long version) {
        part(event.conversationId(), event.userId(), version);
        if (event.newAdmin() != null) {
            writes.send(promoteMember.bind(version, event.conversationId().value(), event.newAdmin().value()));
        }
    }

    @EventHandler
    void on(GroupRenamed event, @SequenceNumber long version) {
        writes.send(renameConversation.bind(version, event.title(), event.conversationId().value()));
    }

    @EventHandler
    void on(MessageSent event, @SequenceNumber long version) {
        String conversation = event.conversationId().value();
        Object[] media = MediaColumns.values(event.media());
        writes.send(insertMessage.bind(concat(new Object[]{conversation, MessageBuckets.of(event.seq()), event.seq(),
                event.messageId().value(), event.senderId().value(), event.clientMsgId(), event.sentAt(), event.text()}, media)));
        writes.sendAfterTheOthers(writeLastMessage.bind(concat(new Object[]{version, event.seq(), event.messageId().value(),
                event.senderId().value(), event.clientMsgId(), event.sentAt(), event.text()}, media,
                event.sentAt(), conversation)));
        writes.send(writeOwnLast.bind(version, event.seq(), conversation, event.senderId().value()));
    }

    @EventHandler
    void on(MessagesDelivered event, @SequenceNumber long version) {
        writes.send(writeDelivered.bind(version, event.seq(), event.conversationId().value(), event.userId().value()));
    }

    @EventHandler
    void on(MessagesRead event, @SequenceNumber long version) {
        writes.send(writeRead.bind(version, event.seq(), event.conversationId().value(), event.userId().value()));
    }

    private void join(ConversationId conversation, String kind, UserId user, boolean admin, Instant at, long version) {
        writes.send(insertMember.bind(conversation.value(), user.value(), admin, at, version));
        writes.send(insertUserConversation.bind(user.value(), conversation.value(), kind, at, version));
    }

    /** The admin listing: the conversation under its creation day (UTC), and the day among those that have any. */
    private void listForAdmins(ConversationId conversation, String kind, Instant createdAt) {
        LocalDate day = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
        writes.send(insertConversationOfDay.bind(day, createdAt, conversation.value(), kind));
        writes.send(insertDay.bind(day));
    }

    private void part(ConversationId conversation, UserId user, long version) {
        writes.send(deleteMember.bind(version, conversation.value(), user.value()));
        writes.send(deleteUserConversation.bind(version, user.value(), conversation.value()));
    }

    private static Object[] concat(Object[] head, Object[] media, Object... tail) {
        Object[] all = new Object[head.length + media.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(media, 0, all, head.length, media.length);
        System.arraycopy(tail, 0, all, head.length + media.length, tail.length);
        return all;
    }
}
