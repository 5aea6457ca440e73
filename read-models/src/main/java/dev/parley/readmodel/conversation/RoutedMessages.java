package dev.parley.readmodel.conversation;

import dev.parley.platform.redis.RedisKeys;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.MessageId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.media.MediaAttachment;
import dev.parley.kernel.query.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * What the push fan-out has routed, kept in Redis for catch-up: each conversation's highest routed
 * {@code seq} ({@link RedisKeys#lastSeq}, kept a day) and the messages it routed in the last moments
 * ({@link RedisKeys#routedMessages}, a sorted set by seq). The fan-out records a batch before it routes
 * it, one script per conversation, pipelined: the script raises the seq and adds the messages together,
 * so a seq that is counted is a seq that is held, and the hot path keeps one round trip a batch.
 * {@code conversations} answers the counted seq; {@code history} takes from here the messages the
 * Cassandra read model does not hold yet, so it answers every counted seq at once however far the
 * projection trails, as long as the messages are kept (docs/architecture.md, "Catch-up").
 *
 * <p>A message is kept for a set time after it was routed (and a conversation keeps at most so many):
 * bounded by time rather than by a count alone, because a count per conversation would keep messages of
 * every conversation that stays active for ever. The fan-out's clock stamps each message; the script
 * drops the oldest ones past the time, so memory is about the messages of that last stretch of time.
 *
 * <p>Reads answer "nothing routed" when Redis fails: the read model alone then answers, as it did before
 * the fan-out ran ahead of it.
 */
public final class RoutedMessages {

    private static final Logger log = LoggerFactory.getLogger(RoutedMessages.class);

    /** Long enough for any projection to catch up; the read model holds the count for good. */
    private static final Duration LAST_SEQ_KEPT = Duration.ofDays(1);

    /**
     * KEYS: the routed seq, the routed messages. ARGV: seconds to keep the seq, now (epoch ms), ms to keep a
     * message, most messages kept, then a seq and its member for each message, in seq order. A member is
     * "routed-at json". A seq at or below the routed one was added when it was first routed (a redelivered
     * batch): it is not added again. The seq is raised, never lowered; then the oldest messages go while
     * they are past their time, and past the count.
     */
    private static final RedisScript<Long> RECORD = RedisScript.of("""
            local top = tonumber(redis.call('GET', KEYS[1]) or '0')
            local newest = top
            for i = 5, #ARGV, 2 do
              local seq = tonumber(ARGV[i])
              if seq > newest then
                redis.call('ZADD', KEYS[2], seq, ARGV[i + 1])
                newest = seq
              end
            end
            if newest > top then
              redis.call('SET', KEYS[1], newest, 'EX', ARGV[1])
            end
            local cutoff = tonumber(ARGV[2]) - tonumber(ARGV[3])
            while true do
              local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
              if #oldest == 0 or tonumber(string.match(oldest[1], '^%d+')) >= cutoff then break end
              redis.call('ZREMRANGEBYRANK', KEYS[2], 0, 0)
            end
            redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            return newest
            """, Long.class);
    private static final byte[] RECORD_SCRIPT = RECORD.getScriptAsString().getBytes(StandardCharsets.UTF_8);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public RoutedMessages(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Records a batch's messages, each conversation's in seq order, before they are routed: one round trip
     * for them all. Each is kept for {@code keep} after now, and a conversation keeps at most
     * {@code maxPerConversation} of them.
     */
    public void record(Map<ConversationId, List<ChatMessage>> routed, Duration keep, int maxPerConversation) {
        if (routed.isEmpty()) {
            return;
        }
        long now = clock.millis();
        byte[] lastSeqKept = bytes(Long.toString(LAST_SEQ_KEPT.toSeconds()));
        byte[] nowMillis = bytes(Long.toString(now));
        byte[] keepMillis = bytes(Long.toString(keep.toMillis()));
        byte[] max = bytes(Integer.toString(maxPerConversation));
        redis.executePipelined((RedisCallback<Object>) connection -> {
            routed.forEach((conversation, messages) -> {
                byte[][] keysAndArgs = new byte[6 + 2 * messages.size()][];
                keysAndArgs[0] = bytes(RedisKeys.lastSeq(conversation));
                keysAndArgs[1] = bytes(RedisKeys.routedMessages(conversation));
                keysAndArgs[2] = lastSeqKept;
                keysAndArgs[3] = nowMillis;
                keysAndArgs[4] = keepMillis;
                keysAndArgs[5] = max;
                int arg = 6;
                for (ChatMessage message : messages) {
                    keysAndArgs[arg++] = bytes(Long.toString(message.seq()));
                    keysAndArgs[arg++] = bytes(now + " " + encode(message));
                }
                connection.scriptingCommands().eval(RECORD_SCRIPT, ReturnType.INTEGER, 2, keysAndArgs);
            });
            return null;
        });
    }

    /** The conversation's highest routed seq; 0 if none is known. */
    public long lastSeq(ConversationId conversation) {
        return orNothing(() -> {
            String seq = redis.opsForValue().get(RedisKeys.lastSeq(conversation));
            return seq == null ? 0L : Long.parseLong(seq);
        }, 0L);
    }

    /** The highest routed seq of each conversation that has one (one round trip). */
    public Map<ConversationId, Long> lastSeqs(List<ConversationId> conversations) {
        if (conversations.isEmpty()) {
            return Map.of();
        }
        return orNothing(() -> {
            List<String> seqs = redis.opsForValue().multiGet(conversations.stream().map(RedisKeys::lastSeq).toList());
            Map<ConversationId, Long> known = new HashMap<>();
            for (int i = 0; seqs != null && i < conversations.size(); i++) {
                if (seqs.get(i) != null) {
                    known.put(conversations.get(i), Long.parseLong(seqs.get(i)));
                }
            }
            return known;
        }, Map.of());
    }

    /** The routed messages still kept with a seq from {@code fromSeq} to {@code toSeq}, ascending. */
    public List<ChatMessage> between(ConversationId conversation, long fromSeq, long toSeq) {
        return orNothing(() -> {
            Set<String> members = redis.opsForZSet().rangeByScore(RedisKeys.routedMessages(conversation), fromSeq, toSeq);
            List<ChatMessage> messages = new ArrayList<>();
            if (members != null) {
                members.forEach(member -> messages.add(decode(conversation, member)));
            }
            return messages;
        }, List.of());
    }

    /** The newest routed message still kept of each conversation that has one (one round trip). */
    public Map<ConversationId, ChatMessage> latest(Collection<ConversationId> conversations) {
        if (conversations.isEmpty()) {
            return Map.of();
        }
        List<ConversationId> ordered = List.copyOf(conversations);
        return orNothing(() -> {
            List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
                for (ConversationId conversation : ordered) {
                    connection.zSetCommands().zRange(bytes(RedisKeys.routedMessages(conversation)), -1, -1);
                }
                return null;
            });
            Map<ConversationId, ChatMessage> latest = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                if (replies.get(i) instanceof Collection<?> newest && !newest.isEmpty()) {
                    latest.put(ordered.get(i), decode(ordered.get(i), (String) newest.iterator().next()));
                }
            }
            return latest;
        }, Map.of());
    }

    private static <T> T orNothing(Supplier<T> read, T nothing) {
        try {
            return read.get();
        } catch (DataAccessException failed) {
            log.warn("reading the routed messages from Redis failed; answering from the Cassandra read model alone: {}",
                    failed.toString());
            return nothing;
        }
    }

    /**
     * A message as kept: the conversation is the key's; the time to the millisecond, as Cassandra keeps it.
     * Any field may be missing, as in the event it came from: the fan-out must not stop at an odd event.
     */
    @JsonIgnoreProperties(ignoreUnknown = true) // entries kept before media held a bare mediaId
    private record Kept(String messageId, long seq, String senderId, String clientMsgId, String sentAt, String text,
                        KeptMedia media) {
    }

    /** A message's attachment as kept: object keys, never a URL (it is signed when the message is served). */
    private record KeptMedia(String mediaId, String contentType, long size, Integer width, Integer height,
                             String objectKey, String thumbnailKey) {
        static KeptMedia of(MediaAttachment media) {
            return media == null ? null : new KeptMedia(media.mediaId().value(), media.contentType(), media.size(),
                    media.width(), media.height(), media.objectKey(), media.thumbnailKey());
        }

        MediaAttachment attachment() {
            return new MediaAttachment(new MediaId(mediaId), contentType, size, width, height, objectKey, thumbnailKey);
        }
    }

    String encode(ChatMessage message) {
        String messageId = message.messageId() == null ? null : message.messageId().value();
        String senderId = message.senderId() == null ? null : message.senderId().value();
        String sentAt = message.sentAt() == null ? null : message.sentAt().truncatedTo(ChronoUnit.MILLIS).toString();
        try {
            return json.writeValueAsString(new Kept(messageId, message.seq(), senderId, message.clientMsgId(), sentAt,
                    message.text(), KeptMedia.of(message.attachment())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message that cannot be written as JSON", e);
        }
    }

    ChatMessage decode(ConversationId conversation, String member) {
        try {
            Kept kept = json.readValue(member.substring(member.indexOf(' ') + 1), Kept.class);
            return new ChatMessage(conversation, kept.messageId() == null ? null : new MessageId(kept.messageId()), kept.seq(),
                    kept.senderId() == null ? null : new UserId(kept.senderId()), kept.clientMsgId(),
                    kept.sentAt() == null ? null : Instant.parse(kept.sentAt()), kept.text(),
                    kept.media() == null ? null : kept.media().attachment());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a routed message that is not one: " + member, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
