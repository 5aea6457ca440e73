package dev.parley.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** The suite's progress lines ({@code [faults] ...}) and the way they show durations. */
final class Progress {

    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    void say(String format, Object... args) {
        out.printf(Locale.ROOT, "[faults] " + format + "%n", args);
    }

    /** The time since {@code begin} ({@link System#nanoTime()}), in seconds with one decimal. */
    static String since(long begin) {
        return seconds(Duration.ofNanos(System.nanoTime() - begin));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
