package dev.parley.projections.control;

import dev.parley.readmodel.replay.BeforeReplay;
import dev.parley.platform.kafka.KafkaTopicsProperties;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries out the replays admins request (rows of {@code projection_replays}), on every projections node
 * at once, without nodes talking to each other:
 * <ol>
 *   <li>{@code requested}: each node stops that processor, releasing its segments, and tries to claim
 *       every segment's token. Exactly one node succeeds, once every other has stopped (or its claims
 *       have timed out). It sets every token back to the start of the topic, notes how many records the
 *       topic holds (the replay's target), lets the read model prepare ({@link BeforeReplay}), marks
 *       the replay {@code replaying} and starts again.</li>
 *   <li>{@code replaying}: the other nodes start again too. A node whose segments have all handled the
 *       target marks the replay {@code done}.</li>
 * </ol>
 * Axon's own reset ({@code resetTokens}) is not used: its replay tokens decide when a replay has ended by
 * comparing Kafka tokens, which only hold the partitions read so far, and a replay could end early or
 * never. The read model is rebuilt in place: its rows keep serving while the replay rewrites them (see
 * each projection for why replayed events leave later rows as they are).
 */
@Component
class ReplayCoordinator {

    private static final Logger log = LoggerFactory.getLogger(ReplayCoordinator.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final TopicPositions positions;
    private final KafkaTopicsProperties topics;
    private final List<BeforeReplay> preparations;
    private final JdbcTemplate postgres;
    /** Processors this node stopped for a replay and must start again once it has begun. */
    private final Set<String> stoppedForReplay = new HashSet<>();

    ReplayCoordinator(EventProcessingConfiguration processing, TokenStore tokens, TransactionManager transactions,
                      TopicPositions positions, KafkaTopicsProperties topics, List<BeforeReplay> preparations,
                      JdbcTemplate postgres) {
        this.processing = processing;
        this.tokens = tokens;
        this.transactions = transactions;
        this.positions = positions;
        this.topics = topics;
        this.preparations = preparations;
        this.postgres = postgres;
    }

    @Scheduled(fixedDelayString = "${parley.projections.replay-check-interval:1s}")
    void coordinate() {
        List<Map<String, Object>> replays = postgres.queryForList(
                "SELECT name, state, target_position FROM projection_replays WHERE state IN ('requested', 'replaying')");
        for (Map<String, Object> replay : replays) {
            String name = (String) replay.get("name");
            if (!ReadModels.NAMES.contains(name)) {
                continue;
            }
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(processor -> {
                try {
                    if ("requested".equals(replay.get("state"))) {
                        reset(name, processor);
                    } else {
                        follow(name, processor, ((Number) replay.get("target_position")).longValue());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    log.warn("replay of read model {} not advanced this time: {}", name, e.toString());
                }
            });
        }
    }

    private void reset(String name, StreamingEventProcessor processor) throws Exception {
        if (processor.isRunning()) {
            log.info("stopping read model {} for its replay", name);
            processor.shutDown();
            stoppedForReplay.add(name);
        }
        try {
            transactions.executeInTransaction(() -> {
                for (int segment : tokens.fetchSegments(name)) {
                    tokens.fetchToken(name, segment); // claims it, or fails while another node holds it
                    tokens.storeToken(KafkaTrackingToken.emptyToken(), name, segment);
                    tokens.releaseClaim(name, segment);
                }
            });
        } catch (RuntimeException stillClaimed) {
            return; // another node still processes a segment: it will stop, or its claim will time out
        }
        // Measured once the tokens are this node's: nodes still waiting for a claim ask Kafka nothing.
        // Records added since the reset are replayed too, so a target measured a moment late is still right.
        long target = positions.end(ReadModels.topicOf(name, topics));
        preparationsOf(name).forEach(BeforeReplay::prepare);
        postgres.update("UPDATE projection_replays SET state = 'replaying', started_at = now(), target_position = ?"
                + " WHERE name = ? AND state = 'requested'", target, name);
        log.info("read model {} set back to the start of its topic; replaying {} records", name, target);
        processor.start();
        stoppedForReplay.remove(name);
    }

    private void follow(String name, StreamingEventProcessor processor, long target) {
        preparationsOf(name).forEach(BeforeReplay::whileReplaying);
        if (stoppedForReplay.remove(name) || !processor.isRunning()) {
            processor.start();
            return;
        }
        OptionalLong slowest = processor.processingStatus().values().stream()
                .mapToLong(status -> TopicPositions.handled(status.getTrackingToken())).min();
        if (slowest.isPresent() && slowest.getAsLong() >= target
                && postgres.update("UPDATE projection_replays SET state = 'done', finished_at = now()"
                + " WHERE name = ? AND state = 'replaying'", name) == 1) {
            preparationsOf(name).forEach(BeforeReplay::afterReplay);
            log.info("read model {} replayed", name);
        }
    }

    private List<BeforeReplay> preparationsOf(String name) {
        return preparations.stream().filter(preparation -> preparation.readModel().equals(name)).toList();
    }
}
