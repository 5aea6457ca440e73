package dev.parley.push.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ChatException;
import dev.parley.kernel.ConversationId;
import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.UserId;
import dev.parley.push.routing.Delivery;
import dev.parley.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypingRelayTest {

    private static final Duration EXPIRY = Duration.ofSeconds(6);

    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final UserId ada = new UserId("ada");
    private final ConversationId club = new ConversationId("g:club");
    private final ConversationId chat = new ConversationId("d:ada:bob");
    private final Map<ConversationId, Set<String>> members = Map.of(club, Set.of("ada", "bob", "cy"), chat, Set.of("ada", "bob"));
    private final List<Delivery> routed = new ArrayList<>();
    /** Whom Ada has blocked or been blocked by. */
    private final Set<String> blocked = new java.util.HashSet<>();
    private final TypingRelay relay = new TypingRelay(members::get, user -> blocked, routed::addAll, json, EXPIRY, clock);

    /** What was routed, as "conversation active to users". */
    private List<String> pushes() throws Exception {
        List<String> pushes = new ArrayList<>();
        for (Delivery delivery : routed) {
            JsonNode push = json.readTree(delivery.frame());
            assertThat(push.path("userId").asText()).isEqualTo("ada");
            pushes.add(push.path("conversationId").asText() + " " + push.path("active").asBoolean() + " to "
                    + delivery.users().stream().sorted().toList());
        }
        routed.clear();
        return pushes;
    }

    @Test
    void typingIsRelayedToTheOtherMembersWithItsExpiry() throws Exception {
        relay.typing(ada, club, true);

        assertThat(json.readTree(routed.get(0).frame()).path("expiresInMs").asLong()).isEqualTo(EXPIRY.toMillis());
        assertThat(pushes()).containsExactly("g:club true to [bob, cy]");
    }

    @Test
    void typingIsNotRelayedToAnyoneBlockedEitherWay() throws Exception {
        blocked.add("cy");
        relay.typing(ada, club, true);

        assertThat(pushes()).containsExactly("g:club true to [bob]");
    }

    @Test
    void repeatsWithinASecondAreNotRelayedAgain() throws Exception {
        relay.typing(ada, club, true);
        clock.advance(Duration.ofMillis(999));
        relay.typing(ada, club, true);
        assertThat(pushes()).containsExactly("g:club true to [bob, cy]");

        clock.advance(Duration.ofMillis(1));
        relay.typing(ada, club, true);
        assertThat(pushes()).containsExactly("g:club true to [bob, cy]");
    }

    @Test
    void anIndicatorNotRepeatedForTheExpiryEndsByItselfOnce() throws Exception {
        relay.typing(ada, club, true);
        pushes();

        clock.advance(EXPIRY);
        relay.expire();
        assertThat(pushes()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        relay.expire();
        relay.expire();
        assertThat(pushes()).containsExactly("g:club false to [bob, cy]");
    }

    @Test
    void aRepeatThatIsNotRelayedStillPutsTheExpiryOff() throws Exception {
        relay.typing(ada, club, true);
        clock.advance(Duration.ofMillis(500));
        relay.typing(ada, club, true);
        pushes();

        clock.advance(EXPIRY);
        relay.expire();
        assertThat(pushes()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        relay.expire();
        assertThat(pushes()).containsExactly("g:club false to [bob, cy]");
    }

    @Test
    void stoppingIsRelayedAtOnceAndNothingExpiresLater() throws Exception {
        relay.typing(ada, club, true);
        relay.typing(ada, club, false);
        clock.advance(EXPIRY.multipliedBy(2));
        relay.expire();

        assertThat(pushes()).containsExactly("g:club true to [bob, cy]", "g:club false to [bob, cy]");
    }

    @Test
    void aStopIsRelayedOnlyWhenTheUserWasTypingThere() throws Exception {
        relay.typing(ada, club, false);
        relay.typing(ada, club, false);
        assertThat(pushes()).isEmpty();

        relay.typing(ada, club, true);
        relay.typing(ada, club, false);
        relay.typing(ada, club, false);
        assertThat(pushes()).containsExactly("g:club true to [bob, cy]", "g:club false to [bob, cy]");
    }

    @Test
    void theLastSocketClosingStopsEveryConversationOfThatUser() throws Exception {
        relay.typing(ada, club, true);
        relay.typing(ada, chat, true);
        pushes();

        relay.stoppedAll(ada);
        clock.advance(EXPIRY.multipliedBy(2));
        relay.expire();

        assertThat(pushes()).containsExactlyInAnyOrder("g:club false to [bob, cy]", "d:ada:bob false to [bob]");
    }

    @Test
    void aNonMemberIsRefusedForbiddenAndNothingIsRelayed() {
        assertThatThrownBy(() -> relay.typing(new UserId("eve"), club, true))
                .isInstanceOfSatisfying(ChatException.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(routed).isEmpty();
    }
}
