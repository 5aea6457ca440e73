package dev.parley.projections.control;

import org.axonframework.config.EventProcessingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries the dead letters of every read model now and then. A parked event holds back every later event
 * of its conversation (or user), so the read model of that conversation stands still until its first
 * letter is handled; a retry after a fix (a new release, a Cassandra back in shape) lets the whole
 * sequence drain, in order. Each retry claims its sequence in the queue, so nodes do not retry one twice.
 */
@Component
class DeadLetterRetries {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetries.class);
    /** Sequences retried per read model and round: a bound on how long one round may take. */
    private static final int SEQUENCES_PER_ROUND = 100;

    private final EventProcessingConfiguration processing;

    DeadLetterRetries(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Scheduled(initialDelayString = "${parley.projections.dead-letter-retry-interval:5m}",
            fixedDelayString = "${parley.projections.dead-letter-retry-interval:5m}")
    void retry() {
        for (String name : ReadModels.NAMES) {
            processing.sequencedDeadLetterProcessor(name).ifPresent(letters -> {
                int drained = 0;
                try {
                    // processAny is false when nothing was left, or the letter it tried failed again.
                    while (drained < SEQUENCES_PER_ROUND && letters.processAny()) {
                        drained++;
                    }
                } catch (RuntimeException e) {
                    log.warn("dead letters of read model {} not retried: {}", name, e.toString());
                }
                if (drained > 0) {
                    log.info("read model {}: {} dead-lettered sequences handled on retry", name, drained);
                }
            });
        }
    }
}
