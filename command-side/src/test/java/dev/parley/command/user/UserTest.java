package dev.parley.command.user;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.command.AggregateTargets;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import dev.parley.kernel.user.ProfileUpdated;
import dev.parley.kernel.user.RegisterUser;
import dev.parley.kernel.user.UpdateProfile;
import dev.parley.kernel.user.UserRegistered;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each rule of a user's account, one given/when/then each. */
class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final UserId ADA = new UserId("ada");

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerCommandTargetResolver(new AggregateTargets());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void registeringCreatesTheUserWithTrimmedDisplayName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ADA, "ada.l", "  Ada Lovelace "))
                .expectEvents(new UserRegistered(ADA, "ada.l", "Ada Lovelace", NOW));
    }

    @Test
    void aProfileUpdateKeepsWhatItDoesNotName() {
        fixture.given(new UserRegistered(ADA, "ada.l", "Ada", NOW))
                .when(new UpdateProfile(ADA, null, new MediaId("avatar-1")))
                .expectEvents(new ProfileUpdated(ADA, "Ada", new MediaId("avatar-1"), NOW));
    }

    @Test
    void anUpdateThatChangesNothingIsNoEvent() {
        fixture.given(new UserRegistered(ADA, "ada.l", "Ada", NOW))
                .when(new UpdateProfile(ADA, "Ada", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void usernamesAreThreeToThirtyTwoOfLowerCaseDigitsUnderscoreAndDot() {
        assertThatThrownBy(() -> new RegisterUser(ADA, "Ad", "Ada")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RegisterUser(ADA, "ada lovelace", "Ada")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RegisterUser(ADA, "a".repeat(33), "Ada")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RegisterUser(ADA, "ada", " ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RegisterUser(ADA, "ada", "x".repeat(65))).isInstanceOf(InvalidInput.class);
    }
}
