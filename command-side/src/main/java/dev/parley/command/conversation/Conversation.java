package dev.parley.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.parley.command.media.MediaOwners;
import dev.parley.command.user.Blocks;
import dev.parley.command.user.KnownUsers;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.kernel.conversation.AddMembers;
import dev.parley.kernel.conversation.ConversationExists;
import dev.parley.kernel.conversation.CreateGroup;
import dev.parley.kernel.conversation.DirectConversationOpened;
import dev.parley.kernel.conversation.FirstMessageSent;
import dev.parley.kernel.conversation.GroupCreated;
import dev.parley.kernel.conversation.GroupFull;
import dev.parley.kernel.conversation.GroupRenamed;
import dev.parley.kernel.conversation.LeaveGroup;
import dev.parley.kernel.conversation.MarkDelivered;
import dev.parley.kernel.conversation.MarkRead;
import dev.parley.kernel.conversation.MemberLeft;
import dev.parley.kernel.conversation.MemberRemoved;
import dev.parley.kernel.conversation.MembersAdded;
import dev.parley.kernel.conversation.MessageAccepted;
import dev.parley.kernel.conversation.MessageSent;
import dev.parley.kernel.conversation.MessagesDelivered;
import dev.parley.kernel.conversation.MessagesRead;
import dev.parley.kernel.conversation.NotAGroup;
import dev.parley.kernel.conversation.NotAMember;
import dev.parley.kernel.conversation.NotAnAdmin;
import dev.parley.kernel.conversation.OpenDirect;
import dev.parley.kernel.conversation.RemoveMember;
import dev.parley.kernel.conversation.RenameGroup;
import dev.parley.kernel.conversation.SendMessage;
import dev.parley.kernel.conversation.SeqBeyondLast;
import dev.parley.kernel.conversation.Watermark;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.media.UnknownMedia;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One conversation, direct or group: who is in it and with which role, the last {@code seq}, each
 * member's watermarks, and the recent client message ids. Message bodies are never held here.
 */
@Aggregate(commandTargetResolver = "aggregateTargets", cache = "conversationCache",
        snapshotTriggerDefinition = "conversationSnapshots")
// A snapshot is this state as JSON, from the fields (there are no getters to read it from).
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
public class Conversation {

    /**
     * How many recent (sender, clientMsgId) pairs a conversation remembers to answer a repeated send with
     * its first ack. Retries come within seconds; a repeat older than this is caught by the read model.
     */
    static final int RECENT_SENDS = 256;

    @AggregateIdentifier
    private ConversationId id;
    private boolean group;
    /** A group's creator: who may repeat its creation and get the same answer. */
    private UserId createdBy;
    /**
     * What the group's creation asked for ({@link #creationDigest}), so that a repeat of it can be told from
     * another request under the same id. Null in snapshots taken before it was kept: a repeat by the
     * creator is then taken for the same request, as it was before.
     */
    private String creation;
    /** In joining order: the longest-standing member becomes admin when the last admin leaves. */
    private final Map<UserId, Member> members = new LinkedHashMap<>();
    private long lastSeq;
    private RecentSends recentSends = new RecentSends(RECENT_SENDS);

    /**
     * Group members who left it themselves: leaving is a "no", so its admins cannot add them back (a new
     * group asks again). Who was removed by an admin may be added again. Null in snapshots taken before it
     * was kept.
     */
    private Set<UserId> leavers = new HashSet<>();

    /**
     * A member's role and watermarks ({@code read <= delivered <= lastSeq}), and whether they have sent a
     * message here (false in snapshots taken before it was kept: their next message records it again,
     * which changes nothing downstream).
     */
    record Member(boolean admin, long delivered, long read, boolean spoke) {
        static Member joined(boolean admin) {
            return new Member(admin, 0, 0, false);
        }

        Member delivered(long seq) {
            return new Member(admin, seq, read, spoke);
        }

        Member read(long seq) {
            return new Member(admin, delivered, seq, spoke);
        }

        Member promoted() {
            return new Member(true, delivered, read, spoke);
        }

        Member spoken() {
            return new Member(admin, delivered, read, true);
        }
    }

    protected Conversation() {
        // for Axon: created empty, then from events
    }

    /**
     * Idempotent for its creator: a repeated request (same id, same creator, same title and members, say a
     * client's retry after a timeout) answers the same group and changes nothing. Ids may be the client's
     * choice, so any other request under an existing id is refused: another creator's, or one asking for
     * another group.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ConversationId handle(CreateGroup command, KnownUsers users, Blocks blocks, ConversationLimits limits,
                                 Clock clock) {
        // Who blocked the creator is left out, silently: the creator is not told who blocked them.
        List<UserId> everyone = withoutThoseWhoBlocked(command.creator(), command.everyone(), blocks);
        if (id != null) {
            if (!group || !command.creator().equals(createdBy)) {
                throw new ConversationExists("conversation " + command.conversationId() + " already exists");
            }
            if (creation != null && !creation.equals(creationDigest(command.title(), everyone))) {
                throw new ConversationExists("group " + id + " was created with another title or other members;"
                        + " a new group needs a new conversationId");
            }
            return id;
        }
        if (everyone.size() > limits.maxGroupMembers()) {
            throw new GroupFull("a group has at most " + limits.maxGroupMembers() + " members");
        }
        users.requireRegistered(everyone);
        apply(new GroupCreated(command.conversationId(), command.creator(), command.title(), everyone, clock.instant()));
        return command.conversationId();
    }

    /** Idempotent: the second opening, from either side, answers the same conversation and changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ConversationId handle(OpenDirect command, KnownUsers users, Blocks blocks, Clock clock) {
        if (id != null) {
            requireMember(command.requester());
            return id;
        }
        users.requireRegistered(List.of(command.other()));
        if (blocks.eitherBlocks(command.requester(), command.other())) {
            // The answer to any conversation one may not see: it does not say "blocked".
            throw NotAMember.of(command.conversationId());
        }
        List<UserId> pair = command.requester().value().compareTo(command.other().value()) <= 0
                ? List.of(command.requester(), command.other())
                : List.of(command.other(), command.requester());
        apply(new DirectConversationOpened(command.conversationId(), pair, command.requester(), clock.instant()));
        return command.conversationId();
    }

    @CommandHandler
    public void handle(AddMembers command, KnownUsers users, Blocks blocks, ConversationLimits limits, Clock clock) {
        requireMember(command.by());
        requireGroup();
        requireAdmin(command.by());
        // Skipped silently, as if already in: who left, and who blocked the adder (the adder is not told).
        List<UserId> asked = command.userIds().stream()
                .filter(user -> !members.containsKey(user) && (leavers == null || !leavers.contains(user))).toList();
        List<UserId> newcomers = withoutThoseWhoBlocked(command.by(), asked, blocks);
        if (newcomers.isEmpty()) {
            return;
        }
        if (members.size() + newcomers.size() > limits.maxGroupMembers()) {
            throw new GroupFull("a group has at most " + limits.maxGroupMembers() + " members; it has "
                    + members.size());
        }
        users.requireRegistered(newcomers);
        apply(new MembersAdded(id, command.by(), newcomers, clock.instant()));
    }

    @CommandHandler
    public void handle(RemoveMember command, Clock clock) {
        requireMember(command.by());
        requireGroup();
        if (command.by().equals(command.userId())) {
            leave(command.userId(), clock);
            return;
        }
        requireAdmin(command.by());
        if (members.containsKey(command.userId())) {
            apply(new MemberRemoved(id, command.by(), command.userId(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(LeaveGroup command, Clock clock) {
        requireMember(command.userId());
        requireGroup();
        leave(command.userId(), clock);
    }

    private void leave(UserId leaver, Clock clock) {
        Member member = requireMember(leaver);
        boolean lastAdmin = member.admin()
                && members.entrySet().stream().noneMatch(e -> e.getValue().admin() && !e.getKey().equals(leaver));
        UserId newAdmin = lastAdmin
                ? members.keySet().stream().filter(user -> !user.equals(leaver)).findFirst().orElse(null)
                : null;
        apply(new MemberLeft(id, leaver, newAdmin, clock.instant()));
    }

    @CommandHandler
    public void handle(RenameGroup command, Clock clock) {
        requireMember(command.by());
        requireGroup();
        apply(new GroupRenamed(id, command.by(), command.title(), clock.instant()));
    }

    /**
     * Assigns the next seq; a repeated clientMsgId of the same sender is answered with the first ack. A
     * sender's first message here also records that they have spoken (presence's consent), once. In a direct
     * conversation where either member has blocked the other, nothing is sent, with the answer a non-member
     * gets: refusing keeps every seq visible to both (no gaps, nothing acked then withheld).
     */
    @CommandHandler
    public MessageAccepted handle(SendMessage command, Blocks blocks, MediaOwners media, Clock clock) {
        Member sender = requireMember(command.sender());
        MessageAccepted earlier = recentSends.find(command.sender(), command.clientMsgId());
        if (earlier != null) {
            return earlier;
        }
        if (!group && blockedDirect(blocks)) {
            throw NotAMember.of(id);
        }
        MediaAttachment attachment = null;
        if (command.mediaId() != null) {
            // Only the sender's own upload: someone else's id gets the answer an unknown one does.
            attachment = media.ownedBy(command.sender(), command.mediaId());
            if (attachment == null) {
                throw UnknownMedia.of(command.mediaId());
            }
        }
        long seq = lastSeq + 1;
        MessageSent sent = new MessageSent(id, messageId(id, seq), seq, command.sender(), command.clientMsgId(),
                command.text(), attachment, clock.instant());
        apply(sent);
        if (!sender.spoke()) {
            apply(new FirstMessageSent(id, command.sender(), seq, sent.sentAt()));
        }
        return new MessageAccepted(id, sent.messageId(), seq, sent.sentAt());
    }

    private boolean blockedDirect(Blocks blocks) {
        List<UserId> pair = List.copyOf(members.keySet());
        return pair.size() == 2 && blocks.eitherBlocks(pair.get(0), pair.get(1));
    }

    private static List<UserId> withoutThoseWhoBlocked(UserId adder, Collection<UserId> users, Blocks blocks) {
        Set<UserId> blockedAdder = blocks.whoBlocked(adder, users.stream().filter(user -> !user.equals(adder)).toList());
        return users.stream().filter(user -> !blockedAdder.contains(user)).toList();
    }

    /**
     * A group creation's title and members (the creator among them), in any order, as a digest. Only one
     * creator's requests are ever compared, so a collision could at worst answer them their own group.
     */
    static String creationDigest(String title, Collection<UserId> everyone) {
        StringBuilder request = new StringBuilder(title);
        everyone.stream().map(UserId::value).sorted().forEach(user -> request.append('\0').append(user));
        return UUID.nameUUIDFromBytes(request.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Derived from conversation and seq: unique, and the same however often the event is replayed. */
    static MessageId messageId(ConversationId conversation, long seq) {
        return new MessageId(UUID.nameUUIDFromBytes((conversation + "#" + seq).getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    @CommandHandler
    public Watermark handle(MarkDelivered command, Clock clock) {
        Member member = requireMember(command.userId());
        requireStored(command.seq());
        if (command.seq() <= member.delivered()) {
            return new Watermark(id, member.delivered());
        }
        apply(new MessagesDelivered(id, command.userId(), command.seq(), clock.instant()));
        return new Watermark(id, command.seq());
    }

    /** Read implies delivered: a read above the delivered watermark raises both. */
    @CommandHandler
    public Watermark handle(MarkRead command, Clock clock) {
        Member member = requireMember(command.userId());
        requireStored(command.seq());
        if (command.seq() <= member.read()) {
            return new Watermark(id, member.read());
        }
        if (command.seq() > member.delivered()) {
            apply(new MessagesDelivered(id, command.userId(), command.seq(), clock.instant()));
        }
        apply(new MessagesRead(id, command.userId(), command.seq(), clock.instant()));
        return new Watermark(id, command.seq());
    }

    /**
     * Every command to an existing conversation checks this first, before any rule that would describe the
     * conversation (that it is direct, say): a non-member learns nothing of it, and gets the very answer a
     * conversation that does not exist gets ({@code CommandDecider}).
     */
    private Member requireMember(UserId user) {
        Member member = members.get(user);
        if (member == null) {
            throw NotAMember.of(id);
        }
        return member;
    }

    private void requireAdmin(UserId user) {
        if (!requireMember(user).admin()) {
            throw new NotAnAdmin("only an admin of " + id + " may do this");
        }
    }

    private void requireGroup() {
        if (!group) {
            throw new NotAGroup(id + " is a direct conversation: its members are fixed and it has no title");
        }
    }

    private void requireStored(long seq) {
        if (seq > lastSeq) {
            throw new SeqBeyondLast("seq " + seq + " is above the last message of " + id + " (" + lastSeq + ")");
        }
    }

    @EventSourcingHandler
    void on(DirectConversationOpened event) {
        id = event.conversationId();
        group = false;
        event.memberIds().forEach(user -> members.put(user, Member.joined(false)));
    }

    @EventSourcingHandler
    void on(GroupCreated event) {
        id = event.conversationId();
        group = true;
        createdBy = event.creator();
        creation = creationDigest(event.title(), event.memberIds());
        event.memberIds().forEach(user -> members.put(user, Member.joined(user.equals(event.creator()))));
    }

    @EventSourcingHandler
    void on(MembersAdded event) {
        event.userIds().forEach(user -> members.putIfAbsent(user, Member.joined(false)));
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.userId());
    }

    @EventSourcingHandler
    void on(MemberLeft event) {
        members.remove(event.userId());
        if (leavers == null) {
            leavers = new HashSet<>();
        }
        leavers.add(event.userId());
        if (event.newAdmin() != null) {
            members.computeIfPresent(event.newAdmin(), (user, member) -> member.promoted());
        }
    }

    @EventSourcingHandler
    void on(MessageSent event) {
        lastSeq = event.seq();
        // Known from the message itself, so a snapshot or history from before FirstMessageSent existed agrees.
        members.computeIfPresent(event.senderId(), (user, member) -> member.spoke() ? member : member.spoken());
        recentSends.remember(event.senderId(), event.clientMsgId(),
                new MessageAccepted(event.conversationId(), event.messageId(), event.seq(), event.sentAt()));
    }

    @EventSourcingHandler
    void on(MessagesDelivered event) {
        members.computeIfPresent(event.userId(), (user, member) -> member.delivered(event.seq()));
    }

    @EventSourcingHandler
    void on(MessagesRead event) {
        members.computeIfPresent(event.userId(), (user, member) -> member.read(event.seq()));
    }
}
