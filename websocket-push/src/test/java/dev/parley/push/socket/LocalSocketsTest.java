package dev.parley.push.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.RateLimits;
import io.github.bucket4j.Bandwidth;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

/** Writing pushes to the sockets a node holds, with in-memory connections that read every frame at once. */
class LocalSocketsTest {

    private static final int CAP = 8;
    private final LocalSockets sockets = new LocalSockets();

    @Test
    void aPushIsWrittenToEverySocketOfEachOfItsUsers() {
        SlowClient adaPhone = connect("ada");
        SlowClient adaLaptop = connect("ada");
        SlowClient bob = connect("bob");
        SlowClient cy = connect("cy");

        sockets.deliver(List.of("ada", "bob", "dan"), "m1", "g:team", 1);

        assertThat(adaPhone.written).containsExactly("m1");
        assertThat(adaLaptop.written).containsExactly("m1");
        assertThat(bob.written).containsExactly("m1");
        assertThat(cy.written).as("not one of the push's users").isEmpty();
    }

    @Test
    void aSocketSkipsAMessageItAlreadyHas() {
        SlowClient ada = connect("ada");

        sockets.deliver(List.of("ada"), "m4", "g:team", 4);
        sockets.deliver(List.of("ada"), "m4 again", "g:team", 4);

        assertThat(ada.written).containsExactly("m4");
    }

    @Test
    void aSocketSkipsAMessageOlderThanOneOfTheSameConversationItHas() {
        SlowClient ada = connect("ada");

        sockets.deliver(List.of("ada"), "m5", "g:team", 5);
        sockets.deliver(List.of("ada"), "m3", "g:team", 3);
        sockets.deliver(List.of("ada"), "m6", "g:team", 6);

        assertThat(ada.written).containsExactly("m5", "m6");
    }

    @Test
    void eachConversationsSeqsAreTheirOwn() {
        SlowClient ada = connect("ada");

        sockets.deliver(List.of("ada"), "team 9", "g:team", 9);
        sockets.deliver(List.of("ada"), "crew 1", "g:crew", 1);

        assertThat(ada.written).containsExactly("team 9", "crew 1");
    }

    /** A socket that connected after a message went out gets it when the fan-out routes it again. */
    @Test
    void eachSocketRemembersOnlyWhatWasPushedToItself() {
        SlowClient early = connect("ada");
        sockets.deliver(List.of("ada"), "m2", "g:team", 2);
        SlowClient late = connect("ada");

        sockets.deliver(List.of("ada"), "m2 again", "g:team", 2);

        assertThat(early.written).containsExactly("m2");
        assertThat(late.written).containsExactly("m2 again");
    }

    @Test
    void pushesThatAreNotMessagesAreNeverSkipped() {
        SlowClient ada = connect("ada");

        sockets.deliver(List.of("ada"), "m7", "g:team", 7);
        sockets.deliver(List.of("ada"), "receipt", "g:team", 0);
        sockets.deliver(List.of("ada"), "receipt", "g:team", 0);
        sockets.deliver(List.of("ada"), "presence", null, 0);

        assertThat(ada.written).containsExactly("m7", "receipt", "receipt", "presence");
    }

    @Test
    void aUserArrivesWithTheirFirstSocketAndDepartsWithTheirLast() {
        ClientSocket phone = socket("ada", new SlowClient());
        ClientSocket laptop = socket("ada", new SlowClient());

        assertThat(sockets.add(phone, CAP)).isEqualTo(LocalSockets.Added.FIRST_OF_USER);
        assertThat(sockets.add(laptop, CAP)).isEqualTo(LocalSockets.Added.ANOTHER_OF_USER);
        assertThat(sockets.socketsOf(new UserId("ada"))).isEqualTo(2);
        assertThat(sockets.remove(phone)).isFalse();
        assertThat(sockets.remove(laptop)).isTrue();
        assertThat(sockets.remove(laptop)).as("removed already").isFalse();
        assertThat(sockets.users()).isEmpty();
    }

    /** Counting and adding are one step: sockets connecting at once cannot all pass a count taken before. */
    @Test
    void parallelConnectsOfOneUserStopAtTheCap() throws Exception {
        int connects = 64;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LocalSockets.Added>> outcomes = new ArrayList<>();
        for (int i = 0; i < connects; i++) {
            ClientSocket socket = socket("ada", new SlowClient());
            outcomes.add(threads.submit(() -> {
                start.await();
                return sockets.add(socket, CAP);
            }));
        }
        start.countDown();
        int refused = 0;
        for (Future<LocalSockets.Added> outcome : outcomes) {
            refused += outcome.get() == LocalSockets.Added.REFUSED_OVER_CAP ? 1 : 0;
        }
        threads.shutdown();

        assertThat(refused).isEqualTo(connects - CAP);
        assertThat(sockets.socketsOf(new UserId("ada"))).isEqualTo(CAP);
    }

    @Test
    void aRemovedSocketGetsNothingMore() {
        SlowClient client = new SlowClient().readingAtOnce();
        ClientSocket socket = socket("ada", client);
        sockets.add(socket, CAP);
        sockets.remove(socket);

        sockets.deliver(List.of("ada"), "m1", "g:team", 1);

        assertThat(client.written).isEmpty();
    }

    private SlowClient connect(String user) {
        SlowClient client = new SlowClient().readingAtOnce();
        sockets.add(socket(user, client), CAP);
        return client;
    }

    /** A socket on a session not bound to any connection: writing pushes goes through its outbox alone. */
    private static ClientSocket socket(String user, SlowClient client) {
        Outbox outbox = new Outbox(client, 100, reason -> {
            throw new AssertionError("given up: " + reason);
        });
        return new ClientSocket(new StandardWebSocketSession(null, null, null, null), new UserId(user), "session-1", null, outbox,
                new RateLimits(Clock.systemUTC()).local(Bandwidth.builder().capacity(20).refillGreedy(10, Duration.ofSeconds(1)).build()));
    }
}
