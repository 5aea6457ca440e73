package dev.parley.kernel.query;

import dev.parley.kernel.ConversationId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/** A conversation as the admin listing shows it: what it is and how far it has come. */
public record ConversationListing(ConversationId conversationId, String kind, String title, UserId createdBy,
                                  Instant createdAt, Instant updatedAt, long lastSeq) {
}
