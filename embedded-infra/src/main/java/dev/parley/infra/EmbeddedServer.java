package dev.parley.infra;

import java.nio.file.Path;
import java.util.Optional;

/** One real server that Parley starts on loopback and stops again. */
interface EmbeddedServer {

    /** Short lower-case name, as in the {@code parley.infra.<name>.*} settings and in messages. */
    String name();

    /** Where the server's own output goes. */
    Path logFile();

    /**
     * Stops what an earlier run left running on the same data folder (its launcher was killed) and
     * returns that process's pid, if there was one.
     */
    Optional<Long> stopLeftover();

    /** Checks what can be checked before starting (ports, disk, Java) and fails with a clear reason. */
    void checkPreconditions() throws ServerStartException;

    /** Starts the server and returns once it answers its readiness check. */
    void start() throws ServerStartException, InterruptedException;

    /** Stops the server; safe to call more than once, and when start failed or never ran. */
    void stop();

    /**
     * The server's main process while it runs (PostgreSQL's postmaster), for its supervisor to watch;
     * empty before a start and after a stop.
     */
    Optional<ProcessHandle> process();

    /** How the server's last process ended, for the line that reports its restart. */
    String exitDescription();

    /** SIGKILL to the server and whatever it forked, at once: for a stop that ran out of time. */
    void kill();
}
