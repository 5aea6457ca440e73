package dev.parley.kernel.query;

import dev.parley.kernel.UserId;

/** The summaries of the conversations {@code userId} is a member of, most recently active first. */
public record ConversationsOf(UserId userId) {
}
