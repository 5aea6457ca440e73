package dev.parley.projections.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.Test;

class FetchOrderBufferTest {

    /**
     * Partition 1's records are older than partition 0's but were fetched after them: handed over by
     * timestamp, partition 1's first record would carry a token already past partition 0's records.
     */
    @Test
    void recordsAreHandedOverInFetchOrderWhateverTheirTimestamps() throws InterruptedException {
        FetchOrderBuffer buffer = new FetchOrderBuffer(10);
        List<KafkaEventMessage> fetched = List.of(record(0, 0, 300), record(0, 1, 400), record(1, 0, 100), record(1, 1, 200));

        buffer.putAll(fetched.subList(0, 2));
        buffer.put(fetched.get(2));
        buffer.put(fetched.get(3));

        assertThat(buffer.size()).isEqualTo(4);
        assertThat(buffer.peek()).isSameAs(fetched.get(0));
        assertThat(buffer.take()).isSameAs(fetched.get(0));
        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).isSameAs(fetched.get(1));
        assertThat(buffer.take()).isSameAs(fetched.get(2));
        assertThat(buffer.take()).isSameAs(fetched.get(3));
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).as("nothing fetched yet").isNull();
    }

    @Test
    void aFullBufferHoldsTheFetcherUntilTheProcessorTakesARecord() throws Exception {
        FetchOrderBuffer buffer = new FetchOrderBuffer(2);
        buffer.put(record(0, 0, 1));
        buffer.put(record(0, 1, 2));
        assertThat(buffer.remainingCapacity()).isZero();

        Thread fetcher = new Thread(() -> {
            try {
                buffer.put(record(0, 2, 3));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        fetcher.start();
        awaitWaiting(fetcher);
        assertThat(buffer.size()).as("nothing dropped, nothing beyond the bound").isEqualTo(2);

        assertThat(buffer.take().offset()).isZero();
        fetcher.join(Duration.ofSeconds(10).toMillis());

        assertThat(fetcher.isAlive()).isFalse();
        assertThat(buffer.take().offset()).isEqualTo(1);
        assertThat(buffer.take().offset()).isEqualTo(2);
    }

    @Test
    void aFetchFailureReachesTheProcessorOnItsNextRead() throws InterruptedException {
        FetchOrderBuffer buffer = new FetchOrderBuffer(10);
        buffer.put(record(0, 0, 1));
        IllegalStateException failure = new IllegalStateException("broker gone");

        buffer.setException(failure);

        assertThatThrownBy(() -> buffer.poll(0, TimeUnit.MILLISECONDS)).isSameAs(failure);
        assertThatThrownBy(buffer::take).isSameAs(failure);
        assertThatThrownBy(buffer::peek).isSameAs(failure);
    }

    @Test
    void clearingLeavesNothingToHandOver() throws InterruptedException {
        FetchOrderBuffer buffer = new FetchOrderBuffer(10);
        buffer.putAll(List.of(record(0, 0, 1), record(1, 0, 1)));

        buffer.clear();

        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.remainingCapacity()).isEqualTo(10);
        assertThat(buffer.peek()).isNull();
    }

    /** Waits, without sleeping, until the thread is parked (here: in a put on a full queue). */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the put should have waited").isLessThan(deadline);
            Thread.yield();
        }
    }

    private static KafkaEventMessage record(int partition, long offset, long timestamp) {
        KafkaTrackingToken token = KafkaTrackingToken.newInstance(Map.of(new TopicPartition("events", partition), offset));
        return new KafkaEventMessage(new GenericTrackedEventMessage<>(token,
                GenericEventMessage.asEventMessage("p" + partition + "@" + offset)), partition, offset, timestamp);
    }
}
