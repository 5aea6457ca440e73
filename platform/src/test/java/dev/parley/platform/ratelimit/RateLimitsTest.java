package dev.parley.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.kernel.ChatException;
import dev.parley.kernel.ErrorCode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    /** A clock that stands still until the test moves it (platform cannot use test-support's). */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final TestClock clock = new TestClock();
    private final RateLimits limits = new RateLimits(clock);
    /** Five at once, then one a second. */
    private final Bandwidth fivePerFiveSeconds = Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofSeconds(5)).build();

    private static long taken(RateLimit limit, String key, int tries) {
        return IntStream.range(0, tries).filter(i -> {
            try {
                limit.take(key);
                return true;
            } catch (ChatException refused) {
                return false;
            }
        }).count();
    }

    @Test
    void aKeyTakesItsBurstAndIsThenRefusedRateLimitedWithTheLimitsWords() {
        RateLimit limit = limits.perInstance(fivePerFiveSeconds, 100, "at most 5 in 5 seconds");

        assertThat(taken(limit, "ada", 5)).isEqualTo(5);
        assertThatThrownBy(() -> limit.take("ada"))
                .isInstanceOfSatisfying(ChatException.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED))
                .hasMessage("at most 5 in 5 seconds");
    }

    @Test
    void tokensComeBackAtTheRefillRateAsTheClockMovesAndNoFasterThanTheBurst() {
        RateLimit limit = limits.perInstance(fivePerFiveSeconds, 100, "slow down");
        taken(limit, "ada", 5);

        clock.advance(Duration.ofMillis(999));
        assertThat(taken(limit, "ada", 5)).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(taken(limit, "ada", 5)).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(taken(limit, "ada", 10)).isEqualTo(5);
    }

    @Test
    void theClockGoingBackGivesNothingBack() {
        RateLimit limit = limits.perInstance(fivePerFiveSeconds, 100, "slow down");
        taken(limit, "ada", 5);

        clock.advance(Duration.ofMinutes(-10));
        assertThat(taken(limit, "ada", 5)).isZero();
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        RateLimit limit = limits.perInstance(fivePerFiveSeconds, 100, "slow down");
        taken(limit, "ada", 5);

        assertThat(taken(limit, "bob", 6)).isEqualTo(5);
    }

    @Test
    void requireAvailableRefusesAnEmptyBucketAndTakesNothing() {
        RateLimit limit = limits.perInstance(fivePerFiveSeconds, 100, "slow down");
        for (int i = 0; i < 10; i++) {
            limit.requireAvailable("ada");
        }
        IntStream.range(0, 5).forEach(i -> limit.spend("ada"));

        assertThatThrownBy(() -> limit.requireAvailable("ada")).isInstanceOf(ChatException.class);
    }

    @Test
    void spendingAnEmptyBucketRefusesNothingAndResetFillsIt() {
        RateLimit limit = limits.perInstance(fivePerFiveSeconds, 100, "slow down");
        IntStream.range(0, 8).forEach(i -> limit.spend("ada"));

        limit.reset("ada");

        assertThat(taken(limit, "ada", 6)).isEqualTo(5);
    }

    @Test
    void anIntervalRefillGivesTheWholeBurstBackOnlyOnceThePeriodIsOver() {
        RateLimit limit = limits.perInstance(Bandwidth.builder().capacity(3).refillIntervally(3, Duration.ofMinutes(15)).build(),
                100, "locked");
        taken(limit, "ada", 3);

        clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> limit.requireAvailable("ada")).isInstanceOf(ChatException.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(taken(limit, "ada", 4)).isEqualTo(3);
    }

    @Test
    void pastItsBoundAPerInstanceLimitForgetsTheLeastRecentlyUsedKey() {
        RateLimit limit = limits.perInstance(fivePerFiveSeconds, 2, "slow down");
        taken(limit, "ada", 5);
        taken(limit, "bob", 5);
        limit.requireAvailable("cy");

        assertThat(taken(limit, "bob", 1)).as("still remembered").isZero();
        assertThat(taken(limit, "ada", 1)).as("forgotten: a full bucket again").isEqualTo(1);
    }

    @Test
    void aLocalBucketHoldsItsBurstAndRefillsByTheClock() {
        Bucket frames = limits.local(Bandwidth.builder().capacity(100).refillGreedy(50, Duration.ofSeconds(1)).build());

        assertThat(IntStream.range(0, 250).filter(i -> frames.tryConsume(1)).count()).isEqualTo(100);
        clock.advance(Duration.ofMillis(100));
        assertThat(IntStream.range(0, 250).filter(i -> frames.tryConsume(1)).count()).isEqualTo(5);
    }

    @Test
    void aLimitAcrossInstancesNeedsRedis() {
        assertThatThrownBy(() -> limits.acrossInstances("sends", fivePerFiveSeconds, "slow down"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Redis");
    }
}
