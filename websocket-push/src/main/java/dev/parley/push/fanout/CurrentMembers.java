package dev.parley.push.fanout;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.conversation.ConversationEvent;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.readmodel.membership.MemberSets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Who is a member of a conversation, as the fan-out must know it to route a live event. Normally the
 * conversation's member set in Redis, which the fan-out itself keeps up to the event it routes. Where
 * that set may be stale it asks the conversation read model in Cassandra instead
 * ({@code members_by_conversation}, whose rows carry the membership events' positions as write times, so a
 * replay never brings a removed member back there):
 * <ul>
 *   <li>while the membership read model is replayed (its mark in Redis): its sets then hold the members of
 *       an earlier moment until the replay reaches each conversation's later events;</li>
 *   <li>for a conversation whose set is empty: missing (Redis lost its data) or not built yet.</li>
 * </ul>
 * Cassandra's rows trail the fan-out by the projection's lag, so the membership events this node routes
 * while the sets are marked are remembered and laid over its answer (a member just removed is left out,
 * one just added is counted). During a replay the fan-out leaves the sets to the replay: a live change
 * written between the replayed events would carry a newer version and make the replay skip the changes
 * before it.
 */
@Component
class CurrentMembers {

    private final MemberSets sets;
    private final CqlSession cassandra;
    private final PreparedStatement membersOf;
    /** Per conversation, each user whose membership changed in an event routed while the sets were marked: member now? */
    private final Map<ConversationId, Map<String, Boolean>> changedWhileMarked = new ConcurrentHashMap<>();

    CurrentMembers(MemberSets sets, CqlSession cassandra) {
        this.sets = sets;
        this.cassandra = cassandra;
        this.membersOf = cassandra.prepare("SELECT user_id FROM members_by_conversation WHERE conversation_id = ?");
    }

    /** Whether the member sets are marked as possibly stale now; asked once per batch. */
    boolean setsMarkedStale() {
        boolean marked = sets.replaying();
        if (!marked && !changedWhileMarked.isEmpty()) {
            changedWhileMarked.clear(); // the sets are current again and hold these changes
        }
        return marked;
    }

    /** The members of each conversation, from its set, or from the read model where the set may be stale. */
    Map<ConversationId, Set<String>> of(Collection<ConversationId> conversations, boolean setsMarkedStale) {
        Map<ConversationId, Set<String>> members = new HashMap<>();
        List<ConversationId> elsewhere;
        if (setsMarkedStale) {
            elsewhere = List.copyOf(conversations);
        } else {
            Map<ConversationId, Set<String>> fromSets = sets.members(conversations);
            members.putAll(fromSets);
            elsewhere = fromSets.entrySet().stream().filter(entry -> entry.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        }
        members.putAll(fromReadModel(elsewhere));
        return members;
    }

    /**
     * Takes a membership event into account before the events after it are routed, and answers the
     * conversation's members once it is applied.
     */
    Set<String> afterChange(ConversationEvent event, long version, boolean setsMarkedStale) {
        ConversationId conversation = event.conversationId();
        if (!setsMarkedStale) {
            sets.apply(event, version);
            Set<String> members = sets.members(conversation);
            return members.isEmpty() ? fromReadModel(List.of(conversation)).get(conversation) : members;
        }
        Map<String, Boolean> changed = changedWhileMarked.computeIfAbsent(conversation, c -> new ConcurrentHashMap<>());
        changesOf(event).forEach(changed::put);
        return fromReadModel(List.of(conversation)).get(conversation);
    }

    /** Users whose membership the event changes, and whether they are members after it. */
    static Map<String, Boolean> changesOf(ConversationEvent event) {
        Map<String, Boolean> changes = new LinkedHashMap<>();
        if (event instanceof DirectConversationOpened opened) {
            opened.memberIds().forEach(user -> changes.put(user.value(), true));
        } else if (event instanceof GroupCreated created) {
            created.memberIds().forEach(user -> changes.put(user.value(), true));
        } else if (event instanceof MembersAdded added) {
            added.userIds().forEach(user -> changes.put(user.value(), true));
        } else if (event instanceof MemberRemoved removed) {
            changes.put(removed.userId().value(), false);
        } else if (event instanceof MemberLeft left) {
            changes.put(left.userId().value(), false);
        }
        return changes;
    }

    /** Each conversation's members in the read model, with the changes routed ahead of it laid over; read side by side. */
    private Map<ConversationId, Set<String>> fromReadModel(List<ConversationId> conversations) {
        Map<ConversationId, CompletionStage<AsyncResultSet>> pending = new LinkedHashMap<>();
        conversations.forEach(conversation -> pending.put(conversation, cassandra.executeAsync(membersOf.bind(conversation.value()))));
        Map<ConversationId, Set<String>> members = new HashMap<>();
        pending.forEach((conversation, rows) -> {
            Set<String> users = new LinkedHashSet<>();
            AsyncResultSet page = rows.toCompletableFuture().join();
            while (true) {
                for (Row row : page.currentPage()) {
                    users.add(row.getString("user_id"));
                }
                if (!page.hasMorePages()) {
                    break;
                }
                page = page.fetchNextPage().toCompletableFuture().join();
            }
            members.put(conversation, overlay(users, changedWhileMarked.getOrDefault(conversation, Map.of())));
        });
        return members;
    }

    /** The read model's members, with the changes this node routed ahead of it applied. */
    static Set<String> overlay(Set<String> readModelMembers, Map<String, Boolean> changes) {
        Set<String> members = new LinkedHashSet<>(readModelMembers);
        changes.forEach((user, member) -> {
            if (member) {
                members.add(user);
            } else {
                members.remove(user);
            }
        });
        return members;
    }
}
