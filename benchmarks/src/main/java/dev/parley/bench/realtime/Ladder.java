package dev.parley.bench.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs one step at a time: an open loop of {@code send} frames for the step's seconds, then a grace period
 * for what is still on its way, the projection's lag, and a pause before the next step, which starts from a
 * quiet machine.
 */
final class Ladder {

    /** Who sends message {@code n} of a step, where, and how many other members' sockets should get it. */
    record Route(UserSocket sender, String conversationId, int recipients) {
    }

    /**
     * {@code grace}: how long after the last send acks and pushes still count (then the rest is lost or timed
     * out); {@code lagWait}: how long to watch the read model's lag come back to zero; {@code pause}: from the
     * last send to the next step, at least the two others.
     */
    record Settings(Duration grace, Duration lagWait, Duration pause, int progressSeconds) {
    }

    private static final long SETTLE_POLL_MILLIS = 50;

    private final CurrentStep current;
    private final List<UserSocket> sockets;
    private final ProjectionLag lag;
    private final MachineCpu cpu = new MachineCpu();
    private final Settings settings;
    private int steps;

    Ladder(CurrentStep current, List<UserSocket> sockets, ProjectionLag lag, Settings settings) {
        this.current = current;
        this.sockets = sockets;
        this.lag = lag;
        this.settings = settings;
    }

    StepResult run(StepResult.Kind kind, String workload, int perSecond, int seconds, IntFunction<Route> routes)
            throws InterruptedException {
        int step = ++steps;
        StepTraffic traffic = new StepTraffic(step, Math.multiplyExact(perSecond, seconds));
        long closedBefore = closedSockets();
        String name = String.format(Locale.ROOT, "step %d (%s, %d/s)", step, workload, perSecond);
        System.out.printf(Locale.ROOT, "[ladder] %s: %d messages a second for %d s%n", name, perSecond, seconds);
        current.start(traffic);
        MachineCpu.Sample cpuStart = cpu.sample();
        OpenLoop.Pace pace;
        StepTraffic.Totals totals;
        MachineCpu.Usage usage;
        CompletableFuture<ProjectionLag.Reading> lagReading;
        try (ProgressLine progress = new ProgressLine(name, traffic, seconds, settings.progressSeconds())) {
            pace = OpenLoop.run(perSecond, seconds, (n, intendedNanos) -> {
                Route route = routes.apply(n);
                String id = traffic.register(n, intendedNanos, route.recipients());
                route.sender().send("{\"type\":\"send\",\"id\":\"" + id + "\",\"conversationId\":\"" + route.conversationId()
                        + "\",\"clientMsgId\":\"" + id + "\",\"text\":\"ladder message " + id + "\"}");
            });
            Instant stepEnd = Instant.now();
            lagReading = CompletableFuture.supplyAsync(() -> lag.after(stepEnd, settings.lagWait()));
            long graceEnd = pace.endNanos() + settings.grace().toNanos();
            while (!traffic.settled() && System.nanoTime() < graceEnd) {
                TimeUnit.MILLISECONDS.sleep(SETTLE_POLL_MILLIS);
            }
            // The CPU window ends when the step's work is done (or the grace is over), not at the last send.
            usage = cpu.between(cpuStart, cpu.sample());
            totals = traffic.close();
        } finally {
            current.stop();
        }
        ProjectionLag.Reading reading = lagReading.join();
        double sendSeconds = (pace.endNanos() - pace.startNanos()) / 1e9;
        StepResult result = new StepResult(kind, workload, perSecond, seconds, totals, totals.acked() / sendSeconds, reading,
                usage, pace.maxLateMillis(), (int) (closedSockets() - closedBefore), 0);
        System.out.println("[ladder] " + name + ": " + MarkdownReport.summary(result));
        long pauseLeft = pace.endNanos() + settings.pause().toNanos() - System.nanoTime();
        if (pauseLeft > 0) {
            TimeUnit.NANOSECONDS.sleep(pauseLeft);
        }
        if (totals.lost() == 0) {
            return result;
        }
        long late = traffic.lateForLost();
        System.out.printf(Locale.ROOT, "[ladder] %s: of the %d pushes counted lost, %d came after the grace period%n", name,
                totals.lost(), late);
        return new StepResult(kind, workload, perSecond, seconds, totals, result.ackedPerSecond(), reading, usage,
                pace.maxLateMillis(), result.socketsClosed(), late);
    }

    private long closedSockets() {
        return sockets.stream().filter(UserSocket::isClosed).count();
    }
}
