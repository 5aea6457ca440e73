package dev.parley.faults;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the suite kills with SIGKILL in one phase: an embedded server, or one of Parley's processes. */
enum Fault {

    POSTGRES("postgres", true),
    KAFKA("kafka", true),
    CASSANDRA("cassandra", true),
    REDIS("redis", true),
    S3("s3", true),
    PUSH_NODE("push-node", false),
    COMMAND_SIDE("command-side", false),
    /** Every process of a standalone at once (the launcher and each server), then the standalone started again on its data. */
    EVERYTHING("everything", false);

    private final String label;
    private final boolean server;

    Fault(String label, boolean server) {
        this.label = label;
        this.server = server;
    }

    /** As written in settings and in the report: {@code postgres}, {@code push-node}, ... */
    String label() {
        return label;
    }

    /** An embedded server (restarted by its supervisor) rather than a Parley process (restarted by the suite). */
    boolean isServer() {
        return server;
    }

    /** The faults named in a comma-separated list of labels, in the list's order. */
    static List<Fault> parse(String labels) {
        return Arrays.stream(labels.split(",")).map(String::trim).filter(label -> !label.isEmpty())
                .map(Fault::ofLabel).toList();
    }

    private static Fault ofLabel(String label) {
        return Arrays.stream(values()).filter(fault -> fault.label.equals(label.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fault named " + label + "; known: "
                        + String.join(", ", Arrays.stream(values()).map(Fault::label).toList())));
    }
}
