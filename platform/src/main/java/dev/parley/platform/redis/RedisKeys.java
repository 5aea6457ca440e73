package dev.parley.platform.redis;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;

/**
 * Every Redis key and channel Parley uses, in one place: the read models' keys (written by the projections
 * and the push fan-out, read by the services), the push nodes' session registry and channels, and the rate
 * limits. The id in braces is a Redis Cluster hash tag: the keys of one conversation (its member set and
 * that set's version) sit in one slot, so one script can change both.
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** The user ids of a conversation's members: a set, what the push fan-out reads. */
    public static String members(ConversationId conversation) {
        return "parley:members:{" + conversation.value() + "}";
    }

    /** The aggregate sequence number of the last membership event applied to {@link #members}. */
    public static String membersVersion(ConversationId conversation) {
        return "parley:members-version:{" + conversation.value() + "}";
    }

    /**
     * Present (with an expiry) while a replay of the membership read model runs: the member sets may then
     * hold removed members again, or lack new ones, and the push fan-out checks membership elsewhere.
     */
    public static final String MEMBERSHIP_REPLAYING = "parley:membership-replaying";

    /**
     * The highest {@code seq} the push fan-out has routed in a conversation: ahead of the Cassandra read
     * model, so a reconnecting client learns of messages not yet projected.
     */
    public static String lastSeq(ConversationId conversation) {
        return "parley:last-seq:{" + conversation.value() + "}";
    }

    /**
     * The messages the push fan-out routed in a conversation in the last moments: a sorted set by
     * {@code seq}, so that {@code history} can answer every seq {@link #lastSeq} counts before the
     * Cassandra read model holds it ({@link RoutedMessages}).
     */
    public static String routedMessages(ConversationId conversation) {
        return "parley:routed:{" + conversation.value() + "}";
    }

    /** A user's public profile: a hash of username, displayName, avatarMediaId and its version v. */
    public static String profile(UserId user) {
        return "parley:profile:{" + user.value() + "}";
    }

    /** A user's presence: a hash of online (1 or 0), at and lastSeen (epoch milliseconds). */
    public static String presence(UserId user) {
        return "parley:presence:{" + user.value() + "}";
    }

    /**
     * The conversations a user has sent a message in: whose members may see the user's presence (a set of
     * conversation ids, added to on the user's first message in each, never removed).
     */
    public static String spokeIn(UserId user) {
        return "parley:spoke-in:{" + user.value() + "}";
    }

    /** The users a user has blocked (a set of user ids). Same hash tag as {@link #blockedBy}: one SUNION reads both. */
    public static String blocks(UserId user) {
        return "parley:blocks:{" + user.value() + "}";
    }

    /** The users who have blocked a user (a set of user ids): the other direction of {@link #blocks}. */
    public static String blockedBy(UserId user) {
        return "parley:blocked-by:{" + user.value() + "}";
    }

    /** The push nodes alive: node id to the time (epoch ms) of its last heartbeat (a sorted set). */
    public static final String PUSH_NODES = "parley:push-nodes";

    /** The ids of the nodes holding a user's sockets. */
    public static String userNodes(String user) {
        return "parley:user-nodes:{" + user + "}";
    }

    /** The users a node holds sockets of: what the reaper walks if the node dies. */
    public static String nodeUsers(String node) {
        return "parley:node-users:{" + node + "}";
    }

    /** The pub/sub channel a push node listens on for the deliveries to its sockets. */
    public static String nodeChannel(String node) {
        return "parley:push:" + node;
    }

    /**
     * One key's token bucket of one rate limit ({@code sends}, {@code searches}; the key a user id):
     * Bucket4j's state, gone once the bucket would be full again.
     */
    public static String rateLimit(String action, String key) {
        return "parley:rate:" + action + ":{" + key + "}";
    }

    /**
     * Present while a signed-out session's access tokens could still be unexpired: every service refuses a
     * token whose session id ({@code sid}) has this key.
     */
    public static String revokedSession(String user, String session) {
        return "parley:revoked-session:{" + user + "}:" + session;
    }

    /** The pub/sub channel on which revoked sessions are announced, so push nodes close their sockets at once. */
    public static final String REVOKED_SESSIONS_CHANNEL = "parley:sessions-revoked";

    /** A one-time socket ticket: the access token it stands for, until redeemed or expired. */
    public static String socketTicket(String ticket) {
        return "parley:ws-ticket:{" + ticket + "}";
    }

    /**
     * One (username, address)'s failed sign-ins, a count (the key a hash of both, so that a name of any
     * length costs a key of fixed size); forgotten a while after the last failure.
     */
    public static String signInFailures(String pair) {
        return "parley:sign-in:failures:{" + pair + "}";
    }

    /** Present while one (username, address) must wait before its next sign-in; its time to live is the wait. */
    public static String signInWait(String pair) {
        return "parley:sign-in:wait:{" + pair + "}";
    }

    /** Present while one (username, address) is known: the user signed in from that address before. */
    public static String signInKnown(String pair) {
        return "parley:sign-in:known:{" + pair + "}";
    }

    /**
     * Present once a Redis read model (membership, consent, users, presence) has been built here: its absence,
     * where PostgreSQL remembers writing it, tells that Redis lost its data, and the projections rebuild it.
     */
    public static String readModelBuilt(String readModel) {
        return "parley:read-model-built:" + readModel;
    }

    /**
     * Present once the revoked sessions have been written to this Redis: its absence tells that Redis lost
     * them, and the command side writes them again from PostgreSQL's ended sessions.
     */
    public static final String REVOCATIONS_RESTORED = "parley:revocations-restored";

    /** The patterns a replay scans to forget versions, so that the replayed events apply again. */
    public static final String MEMBERS_VERSION_PATTERN = "parley:members-version:*";
    public static final String PROFILE_PATTERN = "parley:profile:*";
}
