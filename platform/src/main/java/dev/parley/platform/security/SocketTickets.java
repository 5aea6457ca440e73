package dev.parley.platform.security;

/**
 * Redeems the one-time tickets a browser puts in the {@code /ws} URL instead of its access token (push
 * nodes issue them). The upgrade is then checked as if the ticket's access token came in the header.
 */
public interface SocketTickets {

    /** The query parameter of {@code GET /ws} that carries a ticket. */
    String PARAMETER = "ticket";

    /** The access token {@code ticket} stood for, once; null if it is unknown, used or expired. */
    String redeem(String ticket);
}
