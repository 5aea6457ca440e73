package dev.parley.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.security.AuthProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff of one (username, address); what Redis counts is SignInLimitsIT's to check. */
class SignInThrottleTest {

    private final AuthProperties.SignIn settings = new AuthProperties.SignIn(3, Duration.ofSeconds(1), Duration.ofMinutes(15),
            Duration.ofHours(1), 30, Duration.ofMinutes(2), 100, Duration.ofSeconds(30), Duration.ofDays(30), 4);

    @Test
    void theFirstFailuresAreFreeThenEachDoublesTheWaitUpToTheCeiling() {
        assertThat(SignInThrottle.waitAfter(1, settings)).isZero();
        assertThat(SignInThrottle.waitAfter(3, settings)).isZero();
        assertThat(SignInThrottle.waitAfter(4, settings)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SignInThrottle.waitAfter(5, settings)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInThrottle.waitAfter(13, settings)).isEqualTo(Duration.ofSeconds(512));
        assertThat(SignInThrottle.waitAfter(14, settings)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignInThrottle.waitAfter(Long.MAX_VALUE, settings)).isEqualTo(Duration.ofMinutes(15));
    }
}
