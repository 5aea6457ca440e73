package dev.parley.projections.control;

import dev.parley.platform.kafka.KafkaTopicsProperties;
import java.util.List;

/**
 * The projections' processors by name: the read models an admin sees in {@code GET /admin/projections}
 * and may replay. (A process may run other Axon processors too, such as the command side's publisher in
 * the standalone launcher; those are not read models.)
 */
final class ReadModels {

    /** The processing groups of the projection classes, in {@code parley-projections.yml}. */
    static final List<String> NAMES = List.of("conversations", "users", "membership", "consent", "presence");
    /** The one read model fed by the presence topic; every other reads the events topic. */
    static final String PRESENCE = "presence";

    private ReadModels() {
    }

    /** The topic a read model's processor reads. */
    static String topicOf(String name, KafkaTopicsProperties topics) {
        return name.equals(PRESENCE) ? topics.presence().name() : topics.events().name();
    }
}
