package dev.parley.kernel.query;

import java.util.List;

/** One page of the admin listing; {@code nextPageToken} is null on the last page. */
public record ConversationsPage(List<ConversationListing> conversations, String nextPageToken) {
}
