package dev.parley.faults;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * How long and how hard one run of the suite is, read from {@code parley.faults.*} keys (system
 * properties, or {@code --name=value} arguments of the main class). Every duration has its unit in its key.
 *
 * @param faults                 what is killed, one phase each, in this order
 * @param pairs                  one-to-one conversations, two new users each
 * @param groupSize              members of the one group (the first users of the pairs, then new ones)
 * @param sendInterval           how often each user sends while a phase runs (a steady rate, not a burst)
 * @param warmUp                 traffic before the kill
 * @param serviceDowntime        how long a killed Parley process stays down before the suite starts it again
 * @param settle                 traffic after the clients recovered, before the phase is checked
 * @param recoveryTimeout        how long a phase waits for acks and pushes to flow again before it is reported
 *                               as not recovered
 * @param ackTimeout             how long a client waits for a reply before it sends the same command again
 * @param commandReplyTimeout    the services' {@code parley.commands.reply-timeout}: their UNAVAILABLE bound
 * @param drainTimeout           how long a phase's last unacknowledged sends may go on being retried
 * @param serviceStartTimeout    how long a service may take to start (minutes on a machine busy with other builds)
 * @param standaloneStartTimeout how long the {@code everything} phase's standalone may take to say it is ready (it
 *                               starts five servers and every service in one launcher: minutes on a busy machine)
 * @param portBase               the suite's own ports start here (services; in the full form the servers too, and
 *                               the standalone of the {@code everything} phase from port-base + 30)
 */
record SuiteSettings(
        List<Fault> faults,
        int pairs,
        int groupSize,
        Duration sendInterval,
        Duration warmUp,
        Duration serviceDowntime,
        Duration settle,
        Duration recoveryTimeout,
        Duration ackTimeout,
        Duration commandReplyTimeout,
        Duration drainTimeout,
        Duration serviceStartTimeout,
        Duration standaloneStartTimeout,
        int portBase) {

    static final String PREFIX = "parley.faults.";

    /** Every fault, a few seconds of traffic each: the form CI runs. */
    static final String SHORT_FORM = "short";

    SuiteSettings {
        if (groupSize < 2 || groupSize > 2 * pairs + 16) {
            throw new IllegalArgumentException(PREFIX + "group-size must be 2.." + (2 * pairs + 16));
        }
        if (ackTimeout.compareTo(commandReplyTimeout) <= 0) {
            // A client that gave up before the server's own bound would resend every slow command.
            throw new IllegalArgumentException(PREFIX + "ack-timeout-ms must exceed " + PREFIX + "command-reply-timeout-ms");
        }
    }

    /** The same run, with only {@code only} of its faults. */
    SuiteSettings withFaults(List<Fault> only) {
        return new SuiteSettings(only, pairs, groupSize, sendInterval, warmUp, serviceDowntime, settle, recoveryTimeout,
                ackTimeout, commandReplyTimeout, drainTimeout, serviceStartTimeout, standaloneStartTimeout, portBase);
    }

    /** Reads the settings; {@code form} picks the defaults ({@code short} or {@code full}). */
    static SuiteSettings from(Function<String, String> source) {
        boolean full = !SHORT_FORM.equals(value(source, "form", SHORT_FORM));
        return new SuiteSettings(
                Fault.parse(value(source, "faults", "postgres,kafka,cassandra,redis,s3,push-node,command-side"
                        + (full ? ",everything" : ""))),
                Integer.parseInt(value(source, "pairs", full ? "3" : "2")),
                Integer.parseInt(value(source, "group-size", full ? "5" : "4")),
                millis(source, "send-interval-ms", full ? 500 : 700),
                seconds(source, "warm-up-seconds", full ? 15 : 2),
                seconds(source, "service-downtime-seconds", full ? 10 : 1),
                seconds(source, "settle-seconds", full ? 15 : 2),
                seconds(source, "recovery-timeout-seconds", full ? 180 : 120),
                millis(source, "ack-timeout-ms", 5_000),
                millis(source, "command-reply-timeout-ms", 3_000),
                seconds(source, "drain-timeout-seconds", 60),
                seconds(source, "service-start-timeout-seconds", 300),
                seconds(source, "standalone-start-timeout-seconds", 600),
                Integer.parseInt(value(source, "port-base", "16600")));
    }

    private static String value(Function<String, String> source, String key, String otherwise) {
        String value = source.apply(PREFIX + key);
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    private static Duration millis(Function<String, String> source, String key, long otherwise) {
        return Duration.ofMillis(Long.parseLong(value(source, key, Long.toString(otherwise))));
    }

    private static Duration seconds(Function<String, String> source, String key, long otherwise) {
        return Duration.ofSeconds(Long.parseLong(value(source, key, Long.toString(otherwise))));
    }
}
