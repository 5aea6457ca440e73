package dev.parley.platform.shutdown;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Bounds a service's stop: from the stop signal, or from the start of its context's close, it gives the
 * service {@code timeout}; past it, it names each thread still busy (one line each), kills the processes the
 * service started ({@link ForcedStop} beans, then its child processes) and halts the JVM. A close that
 * finishes in time, and leaves the JVM running (a test's context), stands the watchdog down.
 *
 * <p>Its lines go to standard error, not through the logger: by then the logging system may have been
 * stopped by its own shutdown hook.
 */
public final class ShutdownWatchdog implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

    /** The exit status of a halted stop: not the signal's usual 130 or 143, so that a script can tell. */
    static final int HALTED_STATUS = 1;
    private static final int MAX_THREADS_NAMED = 20;
    private static final Duration CLOSE_CHECK = Duration.ofMillis(200);

    private final Duration timeout;
    private final ObjectProvider<ForcedStop> forcedStops;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Thread jvmExitHook = new Thread(this::jvmExiting, "parley-shutdown-guard");
    private final PrintStream out = System.err;
    private volatile boolean jvmExiting;
    private volatile ConfigurableApplicationContext context;
    private volatile List<ForcedStop> toKill = List.of();

    ShutdownWatchdog(Duration timeout, ObjectProvider<ForcedStop> forcedStops) {
        this.timeout = timeout;
        this.forcedStops = forcedStops;
        Runtime.getRuntime().addShutdownHook(jvmExitHook);
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        if (applicationContext instanceof ConfigurableApplicationContext configurable) {
            this.context = configurable;
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() == context) {
            // Resolved now, while the context can still hand out beans; it destroys them as it closes.
            toKill = forcedStops.orderedStream().toList();
            arm();
        }
    }

    /** Runs as the JVM begins to exit (SIGTERM, SIGINT): the JVM cannot end before its hooks do. */
    private void jvmExiting() {
        jvmExiting = true;
        arm();
    }

    private void arm() {
        if (!armed.compareAndSet(false, true)) {
            return;
        }
        Thread watchdog = new Thread(this::watch, "parley-shutdown-watchdog");
        // A daemon: when everything else has ended in time, the JVM ends without waiting for it.
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void watch() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!jvmExiting && context != null && !context.isActive()) {
                    standDown();
                    return;
                }
                Thread.sleep(Math.min(CLOSE_CHECK.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            return;
        }
        if (!jvmExiting) {
            // A context closed by its owner, the JVM not exiting: report, and leave the owner in charge.
            out.printf("[parley] shutdown: the context is still closing after %d s%n", timeout.toSeconds());
            nameBusyThreads();
            return;
        }
        out.printf("[parley] shutdown: not finished after %d s (parley.shutdown.timeout): killing what is left and halting%n",
                timeout.toSeconds());
        nameBusyThreads();
        killProcesses();
        out.flush();
        Runtime.getRuntime().halt(HALTED_STATUS);
    }

    /** A context closed in time and the JVM lives on: the next close of another context arms its own watchdog. */
    private void standDown() {
        armed.set(false);
        try {
            Runtime.getRuntime().removeShutdownHook(jvmExitHook);
        } catch (IllegalStateException alreadyExiting) {
            // the hook has run or runs now: it arms this watchdog again, which is what an exit needs
        }
    }

    private void nameBusyThreads() {
        Thread self = Thread.currentThread();
        int named = 0;
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread == self || thread.isDaemon() || !thread.isAlive() || named >= MAX_THREADS_NAMED) {
                continue;
            }
            out.printf("[parley] shutdown: still busy: thread '%s' at %s%n", thread.getName(), whereBusy(entry.getValue()));
            named++;
        }
    }

    /** The top frame, and the innermost frame of Parley's own code when it is not the top: the one to read first. */
    static String whereBusy(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "(no stack)";
        }
        String top = frame(stack[0]);
        return Arrays.stream(stack).skip(1)
                .filter(frame -> frame.getClassName().startsWith("dev.parley."))
                .findFirst()
                .map(ours -> top + " in " + frame(ours))
                .orElse(top);
    }

    /** Without the class loader and module that {@link StackTraceElement#toString()} puts first. */
    private static String frame(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                + frame.getLineNumber() + ")";
    }

    private void killProcesses() {
        for (ForcedStop stop : toKill) {
            try {
                stop.killNow();
            } catch (RuntimeException e) {
                out.printf("[parley] shutdown: a forced stop failed: %s%n", e);
            }
        }
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(child -> {
            out.printf("[parley] shutdown: killing child process %d (%s)%n", child.pid(),
                    child.info().command().orElse("unknown command"));
            child.destroyForcibly();
        });
    }
}
