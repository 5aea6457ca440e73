package dev.parley.push.fanout;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.query.ConversationSummary;
import dev.parley.platform.redis.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Each conversation's highest routed {@code seq}, kept in Redis by the fan-out before it routes a message.
 * The {@code conversations} answer takes the higher of it and the read model's, so a client reconnecting
 * while the projection trails still learns that messages exist and fetches them (docs/protocol.md): every
 * message the fan-out routed before the client's socket was registered is counted here, and every one
 * routed after is pushed to that socket.
 */
@Component
public class LastSeqs {

    /** Long enough for any projection to catch up; the read model holds the count for good. */
    private static final Duration KEEP = Duration.ofDays(1);

    /** KEYS: the count. ARGV: seq, seconds to keep. Raises the count, never lowers it. */
    private static final RedisScript<Long> RAISE = RedisScript.of("""
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tonumber(ARGV[1]) > current then
              redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
              return 1
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;

    LastSeqs(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Raises each conversation's count to its seq, in one round trip for them all. */
    void raise(Map<ConversationId, Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        byte[] script = RAISE.getScriptAsString().getBytes(StandardCharsets.UTF_8);
        byte[] keep = Long.toString(KEEP.toSeconds()).getBytes(StandardCharsets.UTF_8);
        redis.executePipelined((RedisCallback<Object>) connection -> {
            seqs.forEach((conversation, seq) -> connection.scriptingCommands().eval(script, ReturnType.INTEGER, 1,
                    RedisKeys.lastSeq(conversation).getBytes(StandardCharsets.UTF_8),
                    Long.toString(seq).getBytes(StandardCharsets.UTF_8), keep));
            return null;
        });
    }

    /** The summaries, each with the higher of its own {@code lastSeq} and the routed one (one round trip). */
    public List<ConversationSummary> overlay(List<ConversationSummary> summaries) {
        if (summaries.isEmpty()) {
            return summaries;
        }
        List<String> keys = summaries.stream().map(summary -> RedisKeys.lastSeq(summary.conversationId())).toList();
        List<String> routed = redis.opsForValue().multiGet(keys);
        List<ConversationSummary> overlaid = new ArrayList<>(summaries.size());
        for (int i = 0; i < summaries.size(); i++) {
            String seq = routed == null ? null : routed.get(i);
            overlaid.add(seq == null ? summaries.get(i) : summaries.get(i).withLastSeq(Long.parseLong(seq)));
        }
        return overlaid;
    }
}
