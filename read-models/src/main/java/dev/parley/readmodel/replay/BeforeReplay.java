package dev.parley.readmodel.replay;

/**
 * What a read model must do before its events are handled again from the start, beyond what its idempotent
 * writes already allow (a Redis model forgets its versions, so that the replayed events apply again).
 */
public interface BeforeReplay {

    /** The processor (processing group) this preparation belongs to. */
    String readModel();

    void prepare();

    /** Called on every node, every replay check, while the replay runs (a mark it keeps alive). */
    default void whileReplaying() {
    }

    /** Called by the node that finds the replay done. */
    default void afterReplay() {
    }
}
