package dev.parley.bench.realtime;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints one line every few seconds while a step runs, so a long ladder shows where it is. */
final class ProgressLine implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ladder-progress");
        thread.setDaemon(true);
        return thread;
    });

    ProgressLine(String step, StepTraffic traffic, int seconds, int everySeconds) {
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT,
                        "[ladder] %s  %3d/%d s  sent %d, acked %d, pushed %d, errors %d%n", step,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), seconds, traffic.sent(),
                        traffic.acked(), traffic.deliveries(), traffic.errors()),
                everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
