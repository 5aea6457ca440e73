package dev.parley.kernel.query;

import dev.parley.kernel.InvalidInput;

/** The admin listing of every user, a page at a time, in the store's order; {@code pageToken} as in {@link ListConversations}. */
public record AllUsers(int limit, String pageToken) {

    public AllUsers {
        if (limit < 1 || limit > ListConversations.MAX_LIMIT) {
            throw new InvalidInput("limit must be 1.." + ListConversations.MAX_LIMIT);
        }
        if (pageToken != null && (pageToken.isEmpty() || pageToken.length() > ListConversations.MAX_PAGE_TOKEN)) {
            throw new InvalidInput("pageToken is not one this listing gave");
        }
    }
}
