package dev.parley.push.tickets;

import dev.parley.platform.ratelimit.LimitedRoute;
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

    TicketsController(WebSocketTickets tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/api/ws-tickets")
    @ResponseStatus(HttpStatus.CREATED)
    @LimitedRoute("socket-tickets")
    Ticket issue(JwtAuthenticationToken caller) {
        return new Ticket(tickets.issue(caller.getToken().getTokenValue()));
    }
}
