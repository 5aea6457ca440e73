package dev.parley.projections.control;

import dev.parley.platform.kafka.KafkaTopicsProperties;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reports every segment this node processes, every few seconds, into {@code projection_status}: how far it
 * has got, how far behind the topic it is, whether it is replaying and how far the replay has come, and
 * the error it is stuck on if any. The admin API reads these rows; a segment whose row stops being
 * refreshed is one no node processes.
 */
@Component
class StatusReporter {

    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

    private final EventProcessingConfiguration processing;
    private final TopicPositions positions;
    private final KafkaTopicsProperties topics;
    private final JdbcTemplate postgres;
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);

    StatusReporter(EventProcessingConfiguration processing, TopicPositions positions, KafkaTopicsProperties topics,
                   JdbcTemplate postgres) {
        this.processing = processing;
        this.positions = positions;
        this.topics = topics;
        this.postgres = postgres;
    }

    @Scheduled(fixedDelayString = "${parley.projections.status-interval:2s}")
    void report() {
        Map<String, Long> topicEnds = new HashMap<>();
        Map<String, Long> replayTargets = new HashMap<>();
        postgres.query("SELECT name, target_position FROM projection_replays WHERE state = 'replaying'",
                row -> { replayTargets.put(row.getString(1), row.getLong(2)); });
        for (String name : ReadModels.NAMES) {
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(processor -> {
                try {
                    String topic = ReadModels.topicOf(name, topics);
                    long end = topicEnds.containsKey(topic) ? topicEnds.get(topic) : positions.end(topic);
                    topicEnds.put(topic, end);
                    processor.processingStatus().forEach((segment, status) ->
                            write(name, segment, status, end, replayTargets.get(name)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    log.warn("could not report the status of read model {}: {}", name, e.toString());
                }
            });
        }
    }

    /** {@code replayTarget}: the records a replay under way must handle again, or null. */
    private void write(String name, int segment, EventTrackerStatus status, long topicEnd, Long replayTarget) {
        long handled = TopicPositions.handled(status.getTrackingToken());
        boolean replaying = replayTarget != null && handled < replayTarget;
        Double progress = replayTarget == null ? null : replayTarget == 0 ? 1.0 : Math.min(1.0, (double) handled / replayTarget);
        String error = status.isErrorState() && status.getError() != null ? truncate(status.getError().toString()) : null;
        postgres.update("INSERT INTO projection_status (name, segment, node_id, replaying, error, position, lag, progress,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name, segment) DO UPDATE SET"
                        + " node_id = EXCLUDED.node_id, replaying = EXCLUDED.replaying, error = EXCLUDED.error,"
                        + " position = EXCLUDED.position, lag = EXCLUDED.lag, progress = EXCLUDED.progress,"
                        + " updated_at = EXCLUDED.updated_at",
                name, segment, nodeId, replaying, error, handled, Math.max(0, topicEnd - handled), progress,
                Timestamp.from(Instant.now()));
    }

    private static String truncate(String text) {
        return text.length() <= 1_000 ? text : text.substring(0, 1_000);
    }
}
