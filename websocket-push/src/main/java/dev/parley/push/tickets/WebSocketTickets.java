package dev.parley.push.tickets;

import dev.parley.platform.redis.RedisKeys;
import dev.parley.platform.security.SocketTickets;
import dev.parley.push.PushProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * One-time tickets for {@code GET /ws?ticket=}: a browser cannot set the upgrade's headers, and an access
 * token in a URL would end up in every log that URL passes. A ticket is 256 random bits in Redis, standing
 * for the access token it was taken with, so any push node can redeem it, once: GETDEL takes it out as it
 * reads it. Its time is checked against the node's clock; Redis forgets it a little later.
 */
@Component
class WebSocketTickets implements SocketTickets {

    private static final int TICKET_BYTES = 32;
    /** Longer than any ticket made here: a longer one is refused without asking Redis. */
    private static final int MAX_TICKET_CHARS = 64;

    private final SecureRandom random = new SecureRandom();
    private final StringRedisTemplate redis;
    private final Clock clock;
    private final PushProperties properties;

    WebSocketTickets(StringRedisTemplate redis, Clock clock, PushProperties properties) {
        this.redis = redis;
        this.clock = clock;
        this.properties = properties;
    }

    /** A ticket for the holder of {@code accessToken}. */
    String issue(String accessToken) {
        byte[] bytes = new byte[TICKET_BYTES];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(properties.socketTicketTtl());
        // Redis keeps it one TTL longer than it is valid, so that its own clock never ends it early.
        redis.opsForValue().set(RedisKeys.socketTicket(ticket), expiresAt.toEpochMilli() + " " + accessToken,
                properties.socketTicketTtl().multipliedBy(2));
        return ticket;
    }

    @Override
    public String redeem(String ticket) {
        if (ticket.isEmpty() || ticket.length() > MAX_TICKET_CHARS) {
            return null;
        }
        String stored = redis.opsForValue().getAndDelete(RedisKeys.socketTicket(ticket));
        if (stored == null) {
            return null;
        }
        int space = stored.indexOf(' ');
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(stored.substring(0, space)));
        return clock.instant().isBefore(expiresAt) ? stored.substring(space + 1) : null;
    }
}
