package dev.parley.infra;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts one embedded server again, on the same port and data, each time its process exits without
 * having been asked to, waiting longer after each attempt that fails. One line per exit and per failed
 * attempt, one when it is back: what an operator needs, nothing per retry of a client.
 */
final class ServerSupervisor {

    private final EmbeddedServer server;
    private final InfraSettings.Restarts settings;
    private final ScheduledExecutorService scheduler;
    private final PrintStream progress;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean stopping;
    /** Attempts since the server last ran for {@code stableAfter}: the backoff grows with them. */
    private int attempt;
    private long runningSince;

    ServerSupervisor(EmbeddedServer server, InfraSettings.Restarts settings, ScheduledExecutorService scheduler,
                     PrintStream progress) {
        this.server = server;
        this.settings = settings;
        this.scheduler = scheduler;
        this.progress = progress;
    }

    /** Watches the server's current process; called once it has started. */
    void watch() {
        runningSince = System.nanoTime();
        // On the supervisor's own threads: the thread that completes onExit is the JDK's process reaper.
        server.process().ifPresentOrElse(
                process -> process.onExit().thenRunAsync(() -> exited(process.pid()), scheduler),
                () -> scheduler.execute(() -> exited(-1)));
    }

    /** From now on an exit is expected: no restart is scheduled, and one under way gives up at its next step. */
    void stopWatching() {
        stopping = true;
    }

    int restarts() {
        return restarts.get();
    }

    private synchronized void exited(long pid) {
        if (stopping) {
            return;
        }
        if (Duration.ofNanos(System.nanoTime() - runningSince).compareTo(settings.stableAfter()) >= 0) {
            attempt = 0;
        }
        // At once, not after the delay: the dead process's group (PostgreSQL's backends) and pid file go
        // while its pid cannot yet have been given to another process.
        server.stop();
        attempt++;
        Duration delay = delay(attempt);
        progress.printf(Locale.ROOT, "[parley] %s (pid %d) exited unexpectedly (%s); restart attempt %d in %s%n",
                server.name(), pid, server.exitDescription(), attempt, seconds(delay));
        schedule(delay);
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the infrastructure is closing: nothing to restart
        }
    }

    private void restart() {
        synchronized (this) {
            if (stopping) {
                return;
            }
        }
        try {
            server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
            return;
        } catch (ServerStartException | RuntimeException e) {
            retryAfterFailure(e);
            return;
        }
        synchronized (this) {
            if (stopping) {
                // closed while it started: the close may have missed the new process
                server.stop();
                return;
            }
            // Said before it is counted: whoever sees the count sees the line.
            progress.printf(Locale.ROOT, "[parley] %s is back (pid %d) after restart attempt %d%n", server.name(),
                    server.process().map(ProcessHandle::pid).orElse(-1L), attempt);
            restarts.incrementAndGet();
            watch();
        }
    }

    private synchronized void retryAfterFailure(Exception failure) {
        server.stop();
        if (stopping) {
            return;
        }
        attempt++;
        Duration delay = delay(attempt);
        progress.printf(Locale.ROOT, "[parley] %s restart attempt %d failed (%s); attempt %d in %s%n", server.name(),
                attempt - 1, firstLine(failure.getMessage()), attempt, seconds(delay));
        schedule(delay);
    }

    /** {@code firstDelay} doubled for each attempt after the first, at most {@code maxDelay}. */
    Duration delay(int attemptNumber) {
        Duration delay = settings.firstDelay();
        for (int i = 1; i < attemptNumber && delay.compareTo(settings.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
