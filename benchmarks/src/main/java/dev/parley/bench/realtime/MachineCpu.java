package dev.parley.bench.realtime;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time over a window, from {@code /proc/stat} for the whole machine (Parley, its five servers, this
 * client, and anything else running: the machine must be otherwise idle for the figure to mean anything)
 * and from the JVM for this client alone, so the server's share is the difference. Public for the media
 * benchmark, which reports the same figures per upload.
 */
public final class MachineCpu {

    /** CPU consumed over a window; {@code machineBusyShare} is of all cores (1.0 = every core busy all along). */
    public record Usage(double machineMillis, double clientMillis, double machineBusyShare) {

        public double machineMillisPer(long messages) {
            return messages == 0 ? 0 : machineMillis / messages;
        }

        public double clientMillisPer(long messages) {
            return messages == 0 ? 0 : clientMillis / messages;
        }
    }

    /** One reading: the machine's busy and total ticks, this process's CPU nanoseconds. */
    public record Sample(long busyTicks, long totalTicks, long clientNanos) {
    }

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long ticksPerSecond;

    public MachineCpu() {
        this.ticksPerSecond = clockTicksPerSecond();
    }

    public Sample sample() {
        long busy = 0;
        long total = 0;
        try {
            String[] fields = Files.readAllLines(PROC_STAT, StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already
            // counted in user, so the first eight are all the time there is.
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                long ticks = Long.parseLong(fields[i]);
                total += ticks;
                if (i != 4 && i != 5) {
                    busy += ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            busy = -1;
        }
        return new Sample(busy, total, os.getProcessCpuTime());
    }

    public Usage between(Sample start, Sample end) {
        if (start.busyTicks() < 0 || end.busyTicks() < 0) {
            return new Usage(Double.NaN, (end.clientNanos() - start.clientNanos()) / 1e6, Double.NaN);
        }
        long busy = end.busyTicks() - start.busyTicks();
        long total = end.totalTicks() - start.totalTicks();
        return new Usage(busy * 1000.0 / ticksPerSecond, (end.clientNanos() - start.clientNanos()) / 1e6,
                total == 0 ? 0 : (double) busy / total);
    }

    /** USER_HZ, which /proc/stat counts in: 100 on every common Linux, asked of getconf to be sure. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor();
            return Long.parseLong(answer);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
