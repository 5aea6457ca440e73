package dev.parley.projections.source;

import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;

/**
 * Hands the fetched records to the processor in the order they were fetched. The Kafka extension's own
 * buffer re-sorts them by timestamp across partitions, but each record's tracking token was advanced in
 * fetch order: a record handed over early could carry a token already covering later records of other
 * partitions, which the processor then counted as handled without handling them (seen as whole
 * conversations missing from the read model). In fetch order every token covers exactly the records
 * handed over before it, and each partition, so each conversation, stays in offset order.
 */
final class FetchOrderBuffer implements Buffer<KafkaEventMessage> {

    private final LinkedBlockingQueue<KafkaEventMessage> records;
    private final AtomicReference<RuntimeException> fetchFailure = new AtomicReference<>();

    FetchOrderBuffer(int capacity) {
        this.records = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public void put(KafkaEventMessage record) throws InterruptedException {
        records.put(record);
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> fetched) throws InterruptedException {
        for (KafkaEventMessage record : fetched) {
            records.put(record);
        }
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        throwIfFailed();
        return records.poll(timeout, unit);
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        throwIfFailed();
        return records.take();
    }

    @Override
    public KafkaEventMessage peek() {
        throwIfFailed();
        return records.peek();
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public boolean isEmpty() {
        return records.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return records.remainingCapacity();
    }

    @Override
    public void clear() {
        records.clear();
    }

    /** The fetcher reports its failure here; the processor sees it on its next read and restarts the stream. */
    @Override
    public void setException(RuntimeException failure) {
        fetchFailure.set(failure);
    }

    private void throwIfFailed() {
        RuntimeException failure = fetchFailure.get();
        if (failure != null) {
            throw failure;
        }
    }
}
