package dev.parley.transport;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The Kafka headers of a command record, beside Spring Kafka's own reply-topic and correlation headers. */
public final class CommandHeaders {

    /** The command's name in {@link dev.parley.kernel.CommandTypes}. */
    public static final String TYPE = "parley-command-type";

    /**
     * When the sender stops waiting for the reply, in epoch milliseconds of the sender's clock, as decimal
     * text. The command side does not decide a command too close to it (docs/architecture.md,
     * "Deadlines and shedding").
     */
    public static final String DEADLINE = "parley-command-deadline";

    /** A record without a deadline: nobody gives up on it (a sender from before deadlines, a test). */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private CommandHeaders() {
    }

    public static void addDeadline(Headers headers, long epochMillis) {
        headers.add(DEADLINE, Long.toString(epochMillis).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The record's deadline, or {@link #NO_DEADLINE} when it has none.
     *
     * @throws NumberFormatException when the header is not a decimal number
     */
    public static long deadline(Headers headers) {
        Header header = headers.lastHeader(DEADLINE);
        return header == null ? NO_DEADLINE : Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
    }
}
