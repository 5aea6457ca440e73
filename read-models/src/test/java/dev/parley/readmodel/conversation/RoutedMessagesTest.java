package dev.parley.readmodel.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.query.ChatMessage;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a routed message is kept in Redis for catch-up, and read back (the Redis script is an IT's). */
class RoutedMessagesTest {

    private static final ConversationId GROUP = new ConversationId("g:team");

    private final RoutedMessages routed = new RoutedMessages(null, Clock.systemUTC());

    private static final MediaAttachment PHOTO = new MediaAttachment(new MediaId("media-1"), "image/png", 1_234, 640, null,
            "media/12/1234.png", null);

    /** To the millisecond, as Cassandra keeps it: catch-up and history answer the same message, media and all. */
    @Test
    void aKeptMessageReadsBackAsSentToTheMillisecond() {
        ChatMessage sent = new ChatMessage(GROUP, new MessageId("m-7"), 7, new UserId("ada"), "c-7",
                Instant.parse("2025-01-02T03:04:05.678901234Z"), "hello \"you\"\nthere", PHOTO);

        ChatMessage read = routed.decode(GROUP, kept(sent));

        assertThat(read).isEqualTo(new ChatMessage(GROUP, new MessageId("m-7"), 7, new UserId("ada"), "c-7",
                Instant.parse("2025-01-02T03:04:05.678Z"), "hello \"you\"\nthere", PHOTO));
    }

    /** The fan-out must not stop at an odd event: whatever the event lacked, the kept message lacks. */
    @Test
    void aMessageWithFieldsMissingReadsBackWithThemMissing() {
        ChatMessage odd = new ChatMessage(GROUP, null, 3, null, null, null, null, null);

        assertThat(routed.decode(GROUP, kept(odd))).isEqualTo(odd);
    }

    /** Kept before media could be sent: a bare mediaId named nothing stored, and is read as no media. */
    @Test
    void aMessageKeptWithABareMediaIdReadsBackWithoutMedia() {
        ChatMessage read = routed.decode(GROUP, "1735787045000 {\"messageId\":\"m-1\",\"seq\":1,\"mediaId\":\"x\"}");

        assertThat(read.seq()).isEqualTo(1);
        assertThat(read.attachment()).isNull();
        assertThat(read.media()).isNull();
    }

    /** As the record script keeps it: the time it was routed, a space, the message. */
    private String kept(ChatMessage message) {
        return "1735787045000 " + routed.encode(message);
    }
}
