package dev.parley.push.typing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.kernel.protocol.Pushes.TypingPush;
import dev.parley.platform.logging.FaultLog;
import dev.parley.readmodel.consent.ConsentSets;
import dev.parley.readmodel.membership.MemberSets;
import dev.parley.push.PushProperties;
import dev.parley.push.routing.Delivery;
import dev.parley.push.routing.NodeRouter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Routes {@code typing} straight to the other members' nodes: never stored, never on Kafka. An active
 * indicator expires by itself: the node that relayed it sends {@code active: false} once the client has
 * not repeated it for the expiry time, or when the user's last socket here closes. Repeats within a
 * second are not relayed again, so a client sending on every keystroke costs the others nothing; a stop is
 * relayed only when the user was typing there.
 */
@Component
public class TypingRelay {

    private static final long RELAY_AT_MOST_EVERY_MILLIS = 1_000;

    private record Typist(UserId user, ConversationId conversation) {
    }

    /**
     * Per active typist: [deadline, last relayed], in the clock's milliseconds. A wall clock, so a jump of
     * the system's time can end an indicator early or hold it late: that costs a typing dot, nothing more.
     */
    private final FaultLog faults = new FaultLog(TypingRelay.class);
    private final Map<Typist, long[]> active = new ConcurrentHashMap<>();
    private final Function<ConversationId, Set<String>> membersOf;
    private final Function<UserId, Set<String>> blockedEitherWay;
    private final Consumer<List<Delivery>> route;
    private final ObjectMapper json;
    private final Clock clock;
    private final long expiryMillis;

    @Autowired
    TypingRelay(MemberSets memberSets, ConsentSets consent, NodeRouter router, ObjectMapper json,
                PushProperties properties, Clock clock) {
        this(memberSets::members, consent::blockedEitherWay, router::route, json, properties.typingExpiry(), clock);
    }

    /** With the members, the blocks and the routing as functions, which a test gives without Redis. */
    TypingRelay(Function<ConversationId, Set<String>> membersOf, Function<UserId, Set<String>> blockedEitherWay,
                Consumer<List<Delivery>> route, ObjectMapper json, Duration expiry, Clock clock) {
        this.membersOf = membersOf;
        this.blockedEitherWay = blockedEitherWay;
        this.route = route;
        this.json = json;
        this.clock = clock;
        this.expiryMillis = expiry.toMillis();
    }

    /** A member is typing (or stopped); anyone else is refused {@code FORBIDDEN}. */
    public void typing(UserId user, ConversationId conversation, boolean typing) {
        Set<String> members = membersOf.apply(conversation);
        if (!members.contains(user.value())) {
            throw new Refused(ErrorCode.FORBIDDEN, "not a member of conversation " + conversation.value());
        }
        Typist typist = new Typist(user, conversation);
        long now = clock.millis();
        if (!typing) {
            // Only a stop that ends an indicator the others were shown goes out: repeated stops cost nobody anything.
            if (active.remove(typist) != null) {
                relay(typist, false, members);
            }
            return;
        }
        boolean[] relayNow = {false};
        active.compute(typist, (key, times) -> {
            if (times == null || now - times[1] >= RELAY_AT_MOST_EVERY_MILLIS) {
                relayNow[0] = true;
                return new long[] {now + expiryMillis, now};
            }
            times[0] = now + expiryMillis;
            return times;
        });
        if (relayNow[0]) {
            relay(typist, true, members);
        }
    }

    /** The user's last socket on this node closed: whatever they were typing stops. */
    public void stoppedAll(UserId user) {
        active.keySet().removeIf(typist -> {
            if (typist.user().equals(user)) {
                relayStop(typist);
                return true;
            }
            return false;
        });
    }

    @Scheduled(fixedDelay = 500)
    void expire() {
        long now = clock.millis();
        active.entrySet().removeIf(entry -> {
            if (now - entry.getValue()[0] > 0) {
                relayStop(entry.getKey());
                return true;
            }
            return false;
        });
    }

    /**
     * A stop nobody asked for (an expiry, a closed socket). When Redis cannot take it, it is dropped and
     * counted: the others' clients end the indicator themselves once its {@code expiresInMs} passes, and a
     * stop retried every half second would only log an outage twice a second.
     */
    private void relayStop(Typist typist) {
        try {
            relay(typist, false, membersOf.apply(typist.conversation()));
        } catch (RuntimeException failed) {
            faults.unexpected("a typing stop could not be relayed", failed);
        }
    }

    private void relay(Typist typist, boolean typing, Set<String> members) {
        Set<String> others = new LinkedHashSet<>(members);
        others.remove(typist.user().value());
        others.removeAll(blockedEitherWay.apply(typist.user())); // a block stops typing both ways
        TypingPush push = new TypingPush(typist.conversation(), typist.user(), typing, typing ? expiryMillis : 0);
        route.accept(List.of(Delivery.of(others, push, typist.conversation().value(), 0, json)));
    }
}
