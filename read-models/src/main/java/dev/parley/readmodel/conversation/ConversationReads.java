package dev.parley.readmodel.conversation;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.Refused;
import dev.parley.kernel.conversation.NotAMember;
import dev.parley.kernel.UserId;
import dev.parley.readmodel.conversation.MessageBuckets;
import dev.parley.kernel.query.AdminMessagesOf;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.kernel.query.ConversationDetail;
import dev.parley.kernel.query.ConversationMember;
import dev.parley.kernel.query.ConversationOf;
import dev.parley.kernel.query.ConversationSummary;
import dev.parley.kernel.query.ConversationsOf;
import dev.parley.kernel.query.MessagesOf;
import dev.parley.readmodel.conversation.RoutedMessages;
import dev.parley.readmodel.media.MediaColumns;
import dev.parley.readmodel.membership.MemberSets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads the conversation read models the projections build in Cassandra. Only members see a conversation:
 * anyone else is refused with {@code FORBIDDEN}, whether or not it exists. The admin reads (whole read
 * model, any conversation's messages) answer {@code NOT_FOUND} for an unknown id. Shared by the query
 * side's handlers and the push edge's catch-up commands, so both apply one rule.
 *
 * <p>A member's reads are brought forward by what the push fan-out has routed ({@link RoutedMessages}),
 * which runs ahead of the projection: a summary counts every routed message, and a page of history holds
 * every seq the summary counted, taking from Redis the ones Cassandra does not hold yet. So a client that
 * asks {@code conversations} and then {@code history} finds what it was told of, at once. Membership is
 * brought forward the same way: one the Cassandra rows do not list yet, but whose conversation's member set
 * (which the fan-out keeps up to every event it routes) holds them, may read, so a member who was pushed a
 * message of a conversation just made can open it. The admin reads show the read model as it is: they are
 * for looking at it.
 */
public final class ConversationReads {

    /** A user's list holds at most this many conversations (the newest by activity are not chosen first). */
    public static final int MAX_CONVERSATIONS = 1_000;
    /**
     * Summaries read at once (two requests each): a whole list at once would be up to 2,000 requests,
     * past what the driver lets one connection carry.
     */
    private static final int SUMMARIES_IN_FLIGHT = 100;

    private final CqlSession cassandra;
    private final PreparedStatement conversationIdsOfUser;
    private final PreparedStatement conversation;
    private final PreparedStatement members;
    private final PreparedStatement member;
    private final PreparedStatement messagesAfter;
    private final PreparedStatement messagesBefore;
    private final RoutedMessages routed;
    private final MemberSets memberSets;

    public ConversationReads(CqlSession cassandra, RoutedMessages routed, MemberSets memberSets) {
        this.cassandra = cassandra;
        this.routed = routed;
        this.memberSets = memberSets;
        conversationIdsOfUser = cassandra.prepare("SELECT conversation_id FROM conversations_by_user WHERE user_id = ?"
                + " LIMIT " + MAX_CONVERSATIONS);
        conversation = cassandra.prepare("SELECT * FROM conversations WHERE conversation_id = ?");
        members = cassandra.prepare("SELECT user_id, admin, joined_at, delivered_seq, read_seq, own_last_seq"
                + " FROM members_by_conversation WHERE conversation_id = ?");
        member = cassandra.prepare("SELECT user_id FROM members_by_conversation WHERE conversation_id = ? AND user_id = ?");
        messagesAfter = cassandra.prepare("SELECT * FROM messages WHERE conversation_id = ? AND bucket = ? AND seq > ?"
                + " ORDER BY seq ASC LIMIT ?");
        messagesBefore = cassandra.prepare("SELECT * FROM messages WHERE conversation_id = ? AND bucket = ? AND seq < ?"
                + " ORDER BY seq DESC LIMIT ?");
    }

    public List<ConversationSummary> conversations(ConversationsOf query) {
        List<ConversationSummary> summaries = new ArrayList<>();
        List<CompletableFuture<ConversationSummary>> reading = new ArrayList<>();
        for (Row row : cassandra.execute(conversationIdsOfUser.bind(query.userId().value()))) {
            reading.add(summary(row.getString("conversation_id"), query.userId()).toCompletableFuture());
            if (reading.size() == SUMMARIES_IN_FLIGHT) {
                collect(reading, summaries);
            }
        }
        collect(reading, summaries);
        List<ConversationSummary> current = broughtForward(summaries, query.userId());
        current.sort(Comparator.comparing(ConversationSummary::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return current;
    }

    /**
     * Each summary with what the fan-out has routed beyond it: the higher {@code lastSeq}, and the newest
     * message as the last one. One round trip to Redis, and a second only when the read model trails.
     */
    private List<ConversationSummary> broughtForward(List<ConversationSummary> summaries, UserId viewer) {
        Map<ConversationId, Long> routedSeqs = routed.lastSeqs(summaries.stream().map(ConversationSummary::conversationId).toList());
        Map<ConversationId, ChatMessage> newest = routed.latest(summaries.stream()
                .filter(summary -> routedSeqs.getOrDefault(summary.conversationId(), 0L) > summary.lastSeq())
                .map(ConversationSummary::conversationId).toList());
        List<ConversationSummary> forward = new ArrayList<>(summaries.size());
        for (ConversationSummary summary : summaries) {
            forward.add(summary.withLastMessage(newest.get(summary.conversationId()), viewer)
                    .withLastSeq(routedSeqs.getOrDefault(summary.conversationId(), 0L)));
        }
        return forward;
    }

    /** Waits for the summaries being read and keeps those whose conversation row exists. */
    private static void collect(List<CompletableFuture<ConversationSummary>> reading, List<ConversationSummary> summaries) {
        reading.stream().map(CompletableFuture::join).filter(summary -> summary != null).forEach(summaries::add);
        reading.clear();
    }

    public List<ChatMessage> messages(MessagesOf query) {
        String id = query.conversationId().value();
        // The membership check, the conversation's row and the routed seq are read side by side: one round
        // trip, not three.
        CompletableFuture<AsyncResultSet> membership = cassandra.executeAsync(member.bind(id, query.requester().value()))
                .toCompletableFuture();
        CompletableFuture<AsyncResultSet> row = cassandra.executeAsync(conversation.bind(id)).toCompletableFuture();
        long routedSeq = routed.lastSeq(query.conversationId());
        if (membership.join().one() == null && !memberAsRouted(query.conversationId(), query.requester())) {
            throw NotAMember.of(query.conversationId());
        }
        long lastSeq = Math.max(lastSeq(row.join().one()), routedSeq);
        List<ChatMessage> page = page(id, lastSeq, query.afterSeq(), query.beforeSeq(), query.limit());
        return withRouted(query.conversationId(), page, lastSeq, query.afterSeq(), query.beforeSeq(), query.limit());
    }

    /**
     * True if the conversation's member set holds the user: asked only when the Cassandra rows do not, so it
     * costs nothing on the usual path. Not while the sets are marked as being replayed, when they may still
     * hold a member since removed. A member just removed may read for as long as the fan-out still routes
     * to them (the set changes before the events after the removal are routed), no longer.
     */
    private boolean memberAsRouted(ConversationId conversation, UserId user) {
        return !memberSets.replaying() && memberSets.members(conversation).contains(user.value());
    }

    /**
     * The page completed from the routed messages where Cassandra lacks seqs up to {@code lastSeq}. A page
     * that holds every seq it should (the read model has caught up: the usual case) is answered as read,
     * without asking Redis. A page after {@code afterSeq} ends before the first seq held nowhere (one no
     * longer kept, with the read model that far behind), so that a client paging on from its last message
     * does not step over it; a page of the latest, or before {@code beforeSeq}, is the highest seqs held.
     */
    private List<ChatMessage> withRouted(ConversationId conversation, List<ChatMessage> page, long lastSeq,
                                         Long afterSeq, Long beforeSeq, int limit) {
        long from;
        long to;
        if (afterSeq != null) {
            if (afterSeq >= lastSeq) {
                return page; // as read: nothing to complete, and afterSeq + 1 could overflow
            }
            from = afterSeq + 1;
            to = Math.min(afterSeq + limit, lastSeq); // afterSeq < lastSeq: no overflow
        } else {
            to = beforeSeq == null ? lastSeq : Math.min(beforeSeq - 1, lastSeq);
            from = Math.max(1, to - limit + 1);
        }
        NavigableMap<Long, ChatMessage> held = new TreeMap<>();
        page.forEach(message -> held.put(message.seq(), message));
        long missing = from;
        while (missing <= to && held.containsKey(missing)) {
            missing++;
        }
        if (missing > to) {
            return page;
        }
        routed.between(conversation, missing, to).forEach(message -> held.putIfAbsent(message.seq(), message));
        List<ChatMessage> completed = new ArrayList<>(limit);
        if (afterSeq != null) {
            for (long seq = from; seq - from < limit && held.containsKey(seq); seq++) {
                completed.add(held.get(seq));
            }
            return completed;
        }
        for (ChatMessage message : held.headMap(to, true).descendingMap().values()) {
            if (completed.size() == limit) {
                break;
            }
            completed.add(message);
        }
        Collections.reverse(completed);
        return completed;
    }

    /** An admin's page: no membership needed (the route needs the admin role), and an unknown id is 404. */
    public List<ChatMessage> messages(AdminMessagesOf query) {
        String id = query.conversationId().value();
        Row row = cassandra.execute(conversation.bind(id)).one();
        if (row == null) {
            throw new Refused(ErrorCode.NOT_FOUND, "no conversation " + id);
        }
        return page(id, lastSeq(row), query.afterSeq(), null, query.limit());
    }

    public ConversationDetail detail(ConversationOf query) {
        String id = query.conversationId().value();
        CompletionStage<AsyncResultSet> memberRows = cassandra.executeAsync(members.bind(id));
        Row row = cassandra.execute(conversation.bind(id)).one();
        if (row == null) {
            throw new Refused(ErrorCode.NOT_FOUND, "no conversation " + id);
        }
        List<ConversationMember> members = new ArrayList<>();
        for (Row memberRow : memberRows.toCompletableFuture().join().currentPage()) {
            members.add(member(memberRow));
        }
        long lastSeq = row.getLong("last_seq");
        return new ConversationDetail(query.conversationId(), row.getString("kind"), row.getString("title"),
                row.isNull("created_by") ? null : new UserId(row.getString("created_by")), row.getInstant("created_at"),
                row.getInstant("updated_at"), lastSeq, members.size(), lastSeq, members);
    }

    /** The conversation's highest seq; 0 for a conversation whose row is not written yet. */
    private static long lastSeq(Row conversationRow) {
        return conversationRow == null ? 0 : conversationRow.getLong("last_seq");
    }

    /** Messages after {@code afterSeq}, or before {@code beforeSeq}, or the latest; ascending, at most {@code limit}. */
    private List<ChatMessage> page(String id, long lastSeq, Long afterSeq, Long beforeSeq, int limit) {
        List<ChatMessage> page = new ArrayList<>(limit);
        if (afterSeq != null) {
            if (afterSeq == Long.MAX_VALUE) {
                // No seq follows it, and afterSeq + 1 would wrap to the lowest bucket: the walk up to the
                // last bucket was about 9.2e15 reads.
                return page;
            }
            long after = afterSeq;
            for (long bucket = MessageBuckets.of(after + 1); page.size() < limit && bucket <= MessageBuckets.of(lastSeq); bucket++) {
                for (Row message : cassandra.execute(messagesAfter.bind(id, bucket, after, limit - page.size()))) {
                    page.add(message(message));
                }
            }
            return page;
        }
        long before = beforeSeq != null ? Math.min(beforeSeq, lastSeq + 1) : lastSeq + 1;
        for (long bucket = MessageBuckets.of(before - 1); page.size() < limit && bucket >= 0 && before > 1; bucket--) {
            for (Row message : cassandra.execute(messagesBefore.bind(id, bucket, before, limit - page.size()))) {
                page.add(message(message));
            }
        }
        Collections.reverse(page);
        return page;
    }

    /** One member's summary of a conversation: its row and its members, read side by side. */
    private CompletionStage<ConversationSummary> summary(String id, UserId user) {
        CompletionStage<AsyncResultSet> conversationRow = cassandra.executeAsync(conversation.bind(id));
        CompletionStage<AsyncResultSet> memberRows = cassandra.executeAsync(members.bind(id));
        return conversationRow.thenCombine(memberRows, (conversations, memberPage) -> {
            Row row = conversations.one();
            if (row == null) {
                return null; // listed for the user, not yet written itself: shown once it is
            }
            List<UserId> memberIds = new ArrayList<>();
            List<ConversationMember> members = new ArrayList<>();
            Watermarks own = new Watermarks(0, 0);
            // A group has at most a few thousand members: one page of the driver's default size covers it.
            for (Row memberRow : memberPage.currentPage()) {
                ConversationMember member = member(memberRow);
                memberIds.add(member.userId());
                members.add(member);
                if (member.userId().equals(user)) {
                    own = Watermarks.of(memberRow);
                }
            }
            long lastSeq = row.getLong("last_seq");
            ChatMessage last = row.isNull("last_message_id") ? null : new ChatMessage(new ConversationId(id),
                    new MessageId(row.getString("last_message_id")), lastSeq, new UserId(row.getString("last_sender_id")),
                    row.getString("last_client_msg_id"), row.getInstant("last_sent_at"), row.getString("last_text"),
                    MediaColumns.read(row, "last_"));
            return new ConversationSummary(new ConversationId(id), row.getString("kind"), row.getString("title"),
                    memberIds, members, lastSeq, own.delivered(), own.read(), Math.max(0, lastSeq - own.read()), last, row.getInstant("updated_at"));
        });
    }

    private static ConversationMember member(Row memberRow) {
        Watermarks watermarks = Watermarks.of(memberRow);
        return new ConversationMember(new UserId(memberRow.getString("user_id")),
                memberRow.getBoolean("admin") ? "admin" : "member", memberRow.getInstant("joined_at"),
                watermarks.delivered(), watermarks.read());
    }

    /**
     * A member's watermarks as the protocol shows them: their own latest message counts as read, and read
     * implies delivered. (Unset columns read as 0.) The aggregate's own watermarks are left as the
     * member's clients sent them.
     */
    private record Watermarks(long delivered, long read) {
        static Watermarks of(Row member) {
            long read = Math.max(member.getLong("read_seq"), member.getLong("own_last_seq"));
            return new Watermarks(Math.max(member.getLong("delivered_seq"), read), read);
        }
    }

    private static ChatMessage message(Row row) {
        return new ChatMessage(new ConversationId(row.getString("conversation_id")), new MessageId(row.getString("message_id")),
                row.getLong("seq"), new UserId(row.getString("sender_id")), row.getString("client_msg_id"),
                row.getInstant("sent_at"), row.getString("text"), MediaColumns.read(row, ""));
    }
}
