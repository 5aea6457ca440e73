package dev.parley.push.tickets;

import dev.parley.platform.ratelimit.RateLimit;
import dev.parley.platform.ratelimit.RateLimits;
import dev.parley.push.PushProperties;
import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/ws-tickets}: a one-time ticket that opens one socket as the caller, for a browser. */
@RestController
class TicketsController {

    record Ticket(String ticket) {
    }

    private final WebSocketTickets tickets;
    private final RateLimit limit;

    TicketsController(WebSocketTickets tickets, RateLimits limits, PushProperties properties) {
        this.tickets = tickets;
        int perMinute = properties.socketTicketsPerMinute();
        this.limit = limits.acrossInstances("socket-tickets",
                Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build(),
                "at most " + perMinute + " socket tickets a minute");
    }

    @PostMapping("/api/ws-tickets")
    @ResponseStatus(HttpStatus.CREATED)
    Ticket issue(JwtAuthenticationToken caller) {
        limit.take(caller.getName());
        return new Ticket(tickets.issue(caller.getToken().getTokenValue()));
    }
}
