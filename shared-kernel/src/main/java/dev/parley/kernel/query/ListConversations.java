package dev.parley.kernel.query;

import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.UserId;

/**
 * The admin listing: conversations of {@code member} (any order the store keeps) or, without one, every
 * conversation newest first; only those of {@code kind} if given. {@code pageToken} continues a listing
 * from where the page that returned it ended: it is opaque, and only valid for the same filters.
 */
public record ListConversations(UserId member, String kind, int limit, String pageToken) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    /** A page token is ours or nothing: a longer one is not worth decoding. */
    public static final int MAX_PAGE_TOKEN = 2_048;

    public ListConversations {
        if (kind != null && !kind.equals("direct") && !kind.equals("group")) {
            throw new InvalidInput("kind must be direct or group");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be 1.." + MAX_LIMIT);
        }
        if (pageToken != null && (pageToken.isEmpty() || pageToken.length() > MAX_PAGE_TOKEN)) {
            throw new InvalidInput("pageToken is not one this listing gave");
        }
    }
}
