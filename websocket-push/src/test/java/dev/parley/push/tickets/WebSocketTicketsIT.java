package dev.parley.push.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.push.PushProperties;
import dev.parley.testing.MutableClock;
import dev.parley.testing.UsesRealServers;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Ticket life against the real Redis, on a clock of the test's: valid for 30 s, redeemed once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class WebSocketTicketsIT {

    @Autowired
    StringRedisTemplate redis;
    @Autowired
    PushProperties properties;

    @Test
    void aTicketIsRedeemedForItsTokenOnceWithinThirtySeconds() {
        MutableClock clock = new MutableClock(Instant.now());
        WebSocketTickets tickets = new WebSocketTickets(redis, clock, properties);
        String ticket = tickets.issue("the.access.token");

        clock.advance(Duration.ofSeconds(29));

        assertThat(tickets.redeem(ticket)).isEqualTo("the.access.token");
        assertThat(tickets.redeem(ticket)).as("used").isNull();
    }

    @Test
    void aTicketOlderThanThirtySecondsIsRefusedAndGone() {
        MutableClock clock = new MutableClock(Instant.now());
        WebSocketTickets tickets = new WebSocketTickets(redis, clock, properties);
        String ticket = tickets.issue("the.access.token");

        clock.advance(Duration.ofSeconds(30));

        assertThat(tickets.redeem(ticket)).isNull();
        assertThat(tickets.redeem(ticket)).isNull();
    }

    @Test
    void ticketsAreUnguessableAndUnknownOnesAreRefused() {
        WebSocketTickets tickets = new WebSocketTickets(redis, new MutableClock(Instant.now()), properties);

        assertThat(tickets.issue("t")).isNotEqualTo(tickets.issue("t")).hasSize(43);
        assertThat(tickets.redeem("no-such-ticket")).isNull();
        assertThat(tickets.redeem("")).isNull();
    }
}
