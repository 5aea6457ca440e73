package dev.parley.push.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final SlowClient client = new SlowClient();
    private final List<String> givenUp = new ArrayList<>();

    @Test
    void framesGoOutInTheOrderOfferedOneWriteAtATime() {
        Outbox outbox = new Outbox(client, 10, givenUp::add);

        assertThat(outbox.offer("1")).isTrue();
        assertThat(outbox.offer("2")).isTrue();
        assertThat(outbox.offer("3")).isTrue();
        assertThat(client.written).containsExactly("1");
        assertThat(client.writesInFlight()).isEqualTo(1);

        client.reads();
        assertThat(client.written).containsExactly("1", "2");
        client.reads();
        client.reads();

        assertThat(client.written).containsExactly("1", "2", "3");
        assertThat(client.writesInFlight()).isZero();
        assertThat(outbox.drained()).isTrue();
        assertThat(givenUp).isEmpty();
    }

    @Test
    void aClientThatReadsAtOnceGetsEveryFrameInOrder() {
        SlowClient fast = new SlowClient().readingAtOnce();
        Outbox outbox = new Outbox(fast, 1, givenUp::add);

        List<String> offered = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            offered.add("f" + i);
            assertThat(outbox.offer("f" + i)).isTrue();
        }

        assertThat(fast.written).containsExactlyElementsOf(offered);
        assertThat(outbox.drained()).isTrue();
        assertThat(givenUp).isEmpty();
    }

    /** The limit counts the frames waiting behind the one being written. */
    @Test
    void aClientThatReadsTooSlowlyIsGivenUpOnceMoreThanTheLimitWaits() {
        Outbox outbox = new Outbox(client, 2, givenUp::add);
        assertThat(outbox.offer("1")).isTrue();
        assertThat(outbox.offer("2")).isTrue();
        assertThat(outbox.offer("3")).isTrue();

        assertThat(outbox.offer("4")).isFalse();

        assertThat(givenUp).singleElement().asString().contains("read too slowly").contains("2 frames");
        assertThat(outbox.offer("5")).isFalse();
        assertThat(givenUp).as("given up once").hasSize(1);
        client.reads();
        assertThat(client.written).as("what waited is dropped, not written").containsExactly("1");
        assertThat(outbox.drained()).isTrue();
    }

    @Test
    void aFailedWriteDropsWhatWaitsAndRefusesMore() {
        Outbox outbox = new Outbox(client, 10, givenUp::add);
        outbox.offer("1");
        outbox.offer("2");

        client.breaks();

        assertThat(outbox.offer("3")).isFalse();
        assertThat(client.written).containsExactly("1");
        assertThat(outbox.drained()).isTrue();
        assertThat(givenUp).as("a broken connection is closed by the container, not given up").isEmpty();
    }

    @Test
    void aConnectionClosedUnderneathCountsAsAFailedWrite() {
        Outbox outbox = new Outbox(client, 10, givenUp::add);
        client.disappears();

        outbox.offer("1");

        assertThat(outbox.offer("2")).isFalse();
        assertThat(outbox.drained()).isTrue();
        assertThat(outbox.writingForNanos()).isZero();
    }

    @Test
    void closingDropsWhatWaitsAndRefusesMoreWhileTheWriteInFlightEnds() {
        Outbox outbox = new Outbox(client, 10, givenUp::add);
        outbox.offer("1");
        outbox.offer("2");

        outbox.close();

        assertThat(outbox.offer("3")).isFalse();
        assertThat(outbox.drained()).as("the write in flight still counts").isFalse();
        client.reads();
        assertThat(client.written).containsExactly("1");
        assertThat(outbox.drained()).isTrue();
    }

    @Test
    void drainedOnlyOnceNothingWaitsAndNothingIsBeingWritten() {
        Outbox outbox = new Outbox(client, 10, givenUp::add);
        assertThat(outbox.drained()).isTrue();

        outbox.offer("1");
        outbox.offer("2");
        assertThat(outbox.drained()).isFalse();
        client.reads();
        assertThat(outbox.drained()).isFalse();
        client.reads();

        assertThat(outbox.drained()).isTrue();
    }

    /** The keep-alive closes a socket whose write waits past the slow-write limit: an idle socket must read 0. */
    @Test
    void aWriteThatCompletedLeavesNoWriteTimeBehind() {
        Outbox outbox = new Outbox(client, 10, givenUp::add);
        assertThat(outbox.writingForNanos()).isZero();

        outbox.offer("1");
        assertThat(outbox.writingForNanos()).isNotNegative();
        client.reads();

        assertThat(outbox.writingForNanos()).isZero();
    }
}
