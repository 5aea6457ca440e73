package dev.parley.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.query.ChatMessage;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.readmodel.conversation.RoutedMessages;
import dev.parley.testing.UsesRealServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The routed messages in the real Redis, as the push fan-out records them and the reads take them: what
 * is kept, for how long, and what a redelivery changes (nothing). Here because the query side reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class RoutedMessagesIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration KEEP = Duration.ofMinutes(1);

    @Autowired
    StringRedisTemplate redis;

    private final UserId ada = UserId.random();
    private final ConversationId chat = ConversationId.newGroup();

    private RoutedMessages at(Instant now) {
        return new RoutedMessages(redis, Clock.fixed(now, ZoneOffset.UTC));
    }

    private ChatMessage message(long seq, String text) {
        return new ChatMessage(chat, new MessageId("m-" + seq), seq, ada, "c-" + seq, NOW.plusMillis(seq), text, null);
    }

    private List<ChatMessage> messages(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> message(seq, "text " + seq)).toList();
    }

    private static List<Long> seqs(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::seq).toList();
    }

    @Test
    void theSeqIsRaisedNeverLoweredAndARedeliveredMessageChangesNothing() {
        RoutedMessages routed = at(NOW);
        routed.record(Map.of(chat, messages(1, 2)), KEEP, 1_000);
        routed.record(Map.of(chat, List.of(message(2, "again"), message(3, "text 3"))), KEEP, 1_000);
        routed.record(Map.of(chat, messages(1, 1)), KEEP, 1_000);

        assertThat(routed.lastSeq(chat)).isEqualTo(3);
        List<ChatMessage> held = routed.between(chat, 1, 3);
        assertThat(held).isEqualTo(messages(1, 3));
        assertThat(seqs(routed.between(chat, 2, 2))).containsExactly(2L);
    }

    @Test
    void aMessageGoesWhenItsTimeHasPassedAndTheKeyWithTheLast() {
        at(NOW.minus(KEEP).minusSeconds(1)).record(Map.of(chat, messages(1, 2)), KEEP, 1_000);
        RoutedMessages routed = at(NOW);
        routed.record(Map.of(chat, messages(3, 3)), KEEP, 1_000);

        assertThat(seqs(routed.between(chat, 1, 10))).containsExactly(3L);
        assertThat(routed.lastSeq(chat)).isEqualTo(3);
        Long expiresInMillis = redis.getExpire(RedisKeys.routedMessages(chat), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(expiresInMillis).isBetween(1L, KEEP.toMillis());
    }

    @Test
    void aConversationKeepsAtMostSoManyTheNewest() {
        RoutedMessages routed = at(NOW);
        routed.record(Map.of(chat, messages(1, 5)), KEEP, 3);

        assertThat(seqs(routed.between(chat, 1, 5))).containsExactly(3L, 4L, 5L);
        assertThat(routed.lastSeq(chat)).isEqualTo(5);
    }

    @Test
    void aMessageMissingFieldsIsKeptAsItCame() {
        // The fan-out must not stop at an odd event (DeadLetterIT publishes one without a message id).
        ChatMessage bare = new ChatMessage(chat, null, 1, null, null, null, null, null);
        RoutedMessages routed = at(NOW);
        routed.record(Map.of(chat, List.of(bare)), KEEP, 1_000);

        assertThat(routed.between(chat, 1, 1)).containsExactly(bare);
    }

    @Test
    void theNewestAndTheSeqsOfSeveralConversationsComeTogether() {
        ConversationId unknown = ConversationId.newGroup();
        RoutedMessages routed = at(NOW);
        routed.record(Map.of(chat, messages(1, 4)), KEEP, 1_000);

        assertThat(routed.latest(List.of(chat, unknown))).isEqualTo(Map.of(chat, message(4, "text 4")));
        assertThat(routed.lastSeqs(List.of(unknown, chat))).isEqualTo(Map.of(chat, 4L));
        assertThat(routed.lastSeq(unknown)).isZero();
        assertThat(routed.between(unknown, 1, 10)).isEmpty();
    }
}
