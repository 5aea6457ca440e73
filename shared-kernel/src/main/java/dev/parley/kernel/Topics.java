package dev.parley.kernel;

/**
 * Kafka topic names, shared by every service. Each is a default: a deployment may prefix them
 * (several Parley installations on one cluster) through the services' {@code parley.kafka.topics.*}
 * properties, which start from these values.
 */
public final class Topics {

    /** Every stored event, keyed by conversation id (user id for user events): per-key order. */
    public static final String EVENTS = "parley.events";

    /** Commands to the command side, keyed by target aggregate id: one consumer per aggregate at a time. */
    public static final String COMMANDS = "parley.commands";

    /** Presence changes published by the real-time edge, keyed by user id. */
    public static final String PRESENCE = "parley.presence";

    /** Prefix of each asking node's own reply topic: {@code parley.replies.<node id>}. */
    public static final String REPLIES_PREFIX = "parley.replies.";

    private Topics() {
    }
}
