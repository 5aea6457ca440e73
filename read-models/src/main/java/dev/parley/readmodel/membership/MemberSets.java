package dev.parley.readmodel.membership;

import dev.parley.readmodel.redis.RedisSets;
import dev.parley.readmodel.redis.VersionedRedisWrites;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.ConversationEvent;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.readmodel.redis.VersionedRedisWrites.SetChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Each conversation's member set in Redis, changed by the membership events: the one rule shared by the
 * membership projection (which builds the sets, and rebuilds them on replay) and the push fan-out (which
 * applies an event before routing the events after it, so it never reads a set older than what it routes).
 * A creation replaces the set; every change carries the event's aggregate sequence number as its version.
 */
public final class MemberSets {

    private final VersionedRedisWrites redis;
    private final StringRedisTemplate reads;

    public MemberSets(VersionedRedisWrites redis, StringRedisTemplate reads) {
        this.redis = redis;
        this.reads = reads;
    }

    /** True for the events that change who is a member. */
    public static boolean changesMembers(ConversationEvent event) {
        return event instanceof DirectConversationOpened || event instanceof GroupCreated || event instanceof MembersAdded
                || event instanceof MemberRemoved || event instanceof MemberLeft;
    }

    /** Applies a membership event if it is newer than the set's version; other events change nothing. */
    public void apply(ConversationEvent event, long version) {
        changeOf(event).ifPresent(change -> redis.changeSet(RedisKeys.members(change.conversation()),
                RedisKeys.membersVersion(change.conversation()), version, change.kind(),
                change.users().stream().map(UserId::value).toList()));
    }

    /** What a membership event does to its conversation's set; empty for the events that change no member. */
    static Optional<MemberChange> changeOf(ConversationEvent event) {
        if (event instanceof DirectConversationOpened opened) {
            return Optional.of(new MemberChange(opened.conversationId(), SetChange.REPLACE, opened.memberIds()));
        }
        if (event instanceof GroupCreated created) {
            return Optional.of(new MemberChange(created.conversationId(), SetChange.REPLACE, created.memberIds()));
        }
        if (event instanceof MembersAdded added) {
            return Optional.of(new MemberChange(added.conversationId(), SetChange.ADD, added.userIds()));
        }
        if (event instanceof MemberRemoved removed) {
            return Optional.of(new MemberChange(removed.conversationId(), SetChange.REMOVE, List.of(removed.userId())));
        }
        if (event instanceof MemberLeft left) {
            return Optional.of(new MemberChange(left.conversationId(), SetChange.REMOVE, List.of(left.userId())));
        }
        return Optional.empty();
    }

    /** A change to one conversation's member set: these users replace its members, join them, or leave. */
    record MemberChange(ConversationId conversation, SetChange kind, List<UserId> users) {
    }

    /** The conversation's members as the set holds them now (empty for an unknown conversation). */
    public Set<String> members(ConversationId conversation) {
        Set<String> members = reads.opsForSet().members(RedisKeys.members(conversation));
        return members == null ? Set.of() : members;
    }

    /** The member sets of several conversations, read in one round trip (empty sets for unknown ones). */
    public Map<ConversationId, Set<String>> members(Collection<ConversationId> conversations) {
        List<ConversationId> ordered = new ArrayList<>(conversations);
        List<Set<String>> sets = RedisSets.membersOfEach(reads, ordered.stream().map(RedisKeys::members).toList());
        Map<ConversationId, Set<String>> members = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            members.put(ordered.get(i), sets.get(i));
        }
        return members;
    }

    /**
     * Marks the sets as possibly stale for {@code ttl}: a replay is under way. Renewed while it runs, so
     * that a replay whose every node died lets the mark lapse rather than keep it for ever.
     */
    public void markReplaying(Duration ttl) {
        reads.opsForValue().set(RedisKeys.MEMBERSHIP_REPLAYING, "1", ttl);
    }

    /** The replay is done: every set holds what the events say again. */
    public void unmarkReplaying() {
        reads.delete(RedisKeys.MEMBERSHIP_REPLAYING);
    }

    /** True while a replay may leave sets holding removed members or lacking new ones. */
    public boolean replaying() {
        return Boolean.TRUE.equals(reads.hasKey(RedisKeys.MEMBERSHIP_REPLAYING));
    }

    /** Lets a replay apply every event again: the sets keep serving, only their versions go. */
    public void forgetVersions() {
        redis.forgetVersions(RedisKeys.MEMBERS_VERSION_PATTERN, false);
    }
}
