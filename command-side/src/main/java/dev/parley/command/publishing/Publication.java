package dev.parley.command.publishing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;

/** One outbox row's records on their way to Kafka, and the acknowledgements awaited for them. */
final class Publication {

    private final UUID outboxId;
    private final List<ProducerRecord<String, byte[]>> records;
    private List<CompletableFuture<?>> acknowledgements = List.of();

    Publication(UUID outboxId, List<ProducerRecord<String, byte[]>> records) {
        this.outboxId = outboxId;
        this.records = records;
    }

    UUID outboxId() {
        return outboxId;
    }

    List<ProducerRecord<String, byte[]>> records() {
        return records;
    }

    void sent(List<CompletableFuture<?>> acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    /** Null once every record is acknowledged, else why not (a timeout counts as a failure). */
    Throwable awaitAcknowledged(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (CompletableFuture<?> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                return e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            }
        }
        return null;
    }
}
