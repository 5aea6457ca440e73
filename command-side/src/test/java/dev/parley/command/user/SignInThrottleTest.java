package dev.parley.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import dev.parley.platform.ratelimit.RateLimits;
import dev.parley.platform.security.AuthProperties;
import dev.parley.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(
            new AuthProperties("secret", Duration.ofMinutes(15), Duration.ofDays(30), "parley", new AuthProperties.Admin(null, null),
                    new AuthProperties.SignIn(3, LOCKOUT)),
            new RateLimits(clock));

    private void fail(String username, int times) {
        for (int i = 0; i < times; i++) {
            throttle.requireAllowed(username);
            throttle.failed(username);
        }
    }

    @Test
    void aUsernameOutOfFailuresIsRefusedRateLimitedWhateverItsCase() {
        fail("ada", 3);

        assertThatThrownBy(() -> throttle.requireAllowed("ADA"))
                .isInstanceOfSatisfying(ChatException.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED))
                .hasMessage("too many failed sign-ins for this username; try again in 15 minutes");
        assertThatCode(() -> throttle.requireAllowed("bob")).doesNotThrowAnyException();
    }

    @Test
    void theLockoutLastsToTheEndOfThePeriodCountedFromTheFirstAttempt() {
        fail("ada", 1);
        clock.advance(Duration.ofMinutes(10));
        fail("ada", 2);

        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> throttle.requireAllowed("ada")).isInstanceOf(ChatException.class);
        clock.advance(Duration.ofMinutes(1));
        assertThatCode(() -> fail("ada", 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> throttle.requireAllowed("ada")).isInstanceOf(ChatException.class);
    }

    @Test
    void aSuccessGivesEveryFailureBack() {
        fail("ada", 2);
        throttle.succeeded("Ada");

        assertThatCode(() -> fail("ada", 3)).doesNotThrowAnyException();
    }
}
