package dev.parley.platform.commands;

/** The Kafka headers of a command record, beside Spring Kafka's own reply-topic and correlation headers. */
public final class CommandHeaders {

    /** The command's name in {@link dev.parley.kernel.CommandTypes}. */
    public static final String TYPE = "parley-command-type";

    private CommandHeaders() {
    }
}
