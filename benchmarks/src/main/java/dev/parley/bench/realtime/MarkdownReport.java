package dev.parley.bench.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run as Markdown: a table row per ladder step, a table for the group step, and notes for what a row
 * cannot show (which errors, a sender that fell behind, sockets the server closed). Latencies in
 * milliseconds, CPU in milliseconds per acked message. docs/benchmarks.md says what each column means.
 */
final class MarkdownReport {

    private static final String DIRECT_HEADER = "| offered/s | sent | acked/s | ack p50 | ack p90 | ack p99 | ack max"
            + " | push p50 | push p90 | push p99 | push max | lost | dup | errors | timeouts | lag at end | lag 0 after"
            + " | machine CPU/msg | client CPU/msg | CPU busy | pass |";
    private static final String GROUP_HEADER = "| groups | offered/s | sent | acked/s | ack p50 | ack p99"
            + " | push p50 (each) | push p99 (each) | last p50 | last p90 | last p99 | last max | lost | dup | errors"
            + " | timeouts | lag at end | lag 0 after | machine CPU/msg | client CPU/msg | CPU busy | pass |";
    /** A sender this far behind its schedule is worth a note: its lateness is inside the latencies. */
    private static final double LATE_NOTE_MILLIS = 5;

    private MarkdownReport() {
    }

    static void write(Path file, String title, List<String> preamble, List<StepResult> results, String plotFileName)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# " + title);
        lines.add("");
        lines.addAll(preamble);
        lines.add("");
        lines.add("![send to push latency against offered rate](" + plotFileName + ")");
        lines.add("");
        lines.addAll(tables(results));
        List<String> notes = notes(results);
        if (!notes.isEmpty()) {
            lines.add("");
            lines.add("Notes:");
            lines.add("");
            lines.addAll(notes);
        }
        lines.add("");
        lines.add("Latencies in ms, timed from when each `send` was due; CPU in ms per acked message; columns explained in"
                + " docs/benchmarks.md, \"The real-time path: the ladder\".");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }

    /** Both tables, as printed at the end of a run and written to the file. */
    static List<String> tables(List<StepResult> results) {
        List<String> lines = new ArrayList<>();
        List<StepResult> direct = results.stream().filter(r -> r.kind() == StepResult.Kind.DIRECT).toList();
        List<StepResult> group = results.stream().filter(r -> r.kind() == StepResult.Kind.GROUP).toList();
        if (!direct.isEmpty()) {
            lines.add("One to one, " + direct.get(0).workload() + ":");
            lines.add("");
            lines.add(DIRECT_HEADER);
            lines.add(separator(DIRECT_HEADER));
            direct.forEach(r -> lines.add(directRow(r)));
        }
        if (!group.isEmpty()) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.add("Groups (push latency to each recipient, and to the last of a message's recipients):");
            lines.add("");
            lines.add(GROUP_HEADER);
            lines.add(separator(GROUP_HEADER));
            group.forEach(r -> lines.add(groupRow(r)));
        }
        return lines;
    }

    /** One line for the console after each step. */
    static String summary(StepResult r) {
        StepTraffic.Totals t = r.totals();
        Latency delivery = r.deliveryLatency();
        return String.format(Locale.ROOT, "%s: sent %d, acked %s/s, ack p50/p99 %s/%s ms, %s p50/p99/max %s/%s/%s ms,"
                        + " lost %d, dup %d, errors %s, timeouts %d, lag at end %s, lag 0 after %s, machine CPU %s/msg"
                        + " (client %s), machine busy %s", r.passed() ? "PASS" : "FAIL", t.sent(), number(r.ackedPerSecond()),
                ms(t.ack().p50()), ms(t.ack().p99()), r.kind() == StepResult.Kind.DIRECT ? "push" : "last recipient",
                ms(delivery.p50()), ms(delivery.p99()), ms(delivery.max()), t.lost(), t.duplicated(), errors(t.errors()),
                t.timeouts(), lagAtEnd(r.lag()), lagZero(r.lag()), cpu(r.cpu().machineMillisPer(t.acked())),
                cpu(r.cpu().clientMillisPer(t.acked())), busy(r.cpu().machineBusyShare()));
    }

    private static String directRow(StepResult r) {
        StepTraffic.Totals t = r.totals();
        return row(number(r.offeredPerSecond()), number(t.sent()), number(r.ackedPerSecond()),
                ms(t.ack().p50()), ms(t.ack().p90()), ms(t.ack().p99()), ms(t.ack().max()),
                ms(t.push().p50()), ms(t.push().p90()), ms(t.push().p99()), ms(t.push().max()),
                lost(r), number(t.duplicated()), number(t.errorCount()), number(t.timeouts()),
                lagAtEnd(r.lag()), lagZero(r.lag()), cpu(r.cpu().machineMillisPer(t.acked())),
                cpu(r.cpu().clientMillisPer(t.acked())), busy(r.cpu().machineBusyShare()), pass(r));
    }

    private static String groupRow(StepResult r) {
        StepTraffic.Totals t = r.totals();
        return row(r.workload(), number(r.offeredPerSecond()), number(t.sent()), number(r.ackedPerSecond()),
                ms(t.ack().p50()), ms(t.ack().p99()), ms(t.push().p50()), ms(t.push().p99()),
                ms(t.lastRecipient().p50()), ms(t.lastRecipient().p90()), ms(t.lastRecipient().p99()),
                ms(t.lastRecipient().max()), lost(r), number(t.duplicated()), number(t.errorCount()),
                number(t.timeouts()), lagAtEnd(r.lag()), lagZero(r.lag()), cpu(r.cpu().machineMillisPer(t.acked())),
                cpu(r.cpu().clientMillisPer(t.acked())), busy(r.cpu().machineBusyShare()), pass(r));
    }

    private static List<String> notes(List<StepResult> results) {
        List<String> notes = new ArrayList<>();
        for (StepResult r : results) {
            String step = String.format(Locale.ROOT, "- %s at %s/s:", r.kind() == StepResult.Kind.DIRECT ? "one to one"
                    : r.workload(), number(r.offeredPerSecond()));
            if (r.totals().errorCount() > 0) {
                notes.add(step + " errors " + errors(r.totals().errors()) + ".");
            }
            if (r.senderLateMaxMillis() > LATE_NOTE_MILLIS) {
                notes.add(String.format(Locale.ROOT, "%s the sender fell up to %s ms behind its schedule (counted in the latencies).",
                        step, ms(r.senderLateMaxMillis())));
            }
            if (r.socketsClosed() > 0) {
                notes.add(step + " " + r.socketsClosed() + " sockets were closed during the step.");
            }
            if (r.lag().note() != null) {
                notes.add(step + " projection lag: " + r.lag().note() + ".");
            }
        }
        return notes;
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String separator(String header) {
        long columns = header.chars().filter(c -> c == '|').count() - 1;
        return "|" + " --- |".repeat((int) columns);
    }

    /** Lost, and how many of those came late, after the grace period: slow rather than gone. */
    private static String lost(StepResult r) {
        long lost = r.totals().lost();
        return lost == 0 ? "0" : number(lost) + " (" + number(r.lostArrivedLate()) + " late)";
    }

    private static String pass(StepResult r) {
        return r.passed() ? "yes" : "**no**";
    }

    private static String errors(Map<String, Long> errors) {
        return errors.isEmpty() ? "0" : errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String lagAtEnd(ProjectionLag.Reading lag) {
        return lag.lagAtEnd() == null ? "n/a" : number(lag.lagAtEnd());
    }

    private static String lagZero(ProjectionLag.Reading lag) {
        if (lag.zeroAfterSeconds() != null) {
            return String.format(Locale.ROOT, "%.1f s", lag.zeroAfterSeconds());
        }
        return lag.lagAtEnd() == null ? "n/a" : "not within the wait";
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis >= 100 ? "%,.0f" : "%.1f", millis);
    }

    private static String cpu(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static String busy(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
