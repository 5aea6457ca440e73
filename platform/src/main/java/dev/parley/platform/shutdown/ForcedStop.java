package dev.parley.platform.shutdown;

/**
 * Something a service started outside its own JVM that a stop out of time must kill, because it would
 * otherwise outlive the service (the standalone's servers run in sessions of their own). A bean of this
 * type is called by {@link ShutdownWatchdog} just before it halts the JVM.
 */
@FunctionalInterface
public interface ForcedStop {

    /** SIGKILL, without waiting for anything: the JVM halts right after. */
    void killNow();
}
