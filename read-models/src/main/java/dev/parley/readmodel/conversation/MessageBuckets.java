package dev.parley.readmodel.conversation;

/**
 * How the messages table splits a conversation into partitions: {@link #SIZE} consecutive {@code seq}
 * values a partition, so no partition grows without bound however long the conversation lives.
 */
public final class MessageBuckets {

    /** About 1 MB of typical messages a partition. Changing it needs the table rewritten. */
    public static final long SIZE = 1_000;

    private MessageBuckets() {
    }

    public static long of(long seq) {
        return seq / SIZE;
    }
}
