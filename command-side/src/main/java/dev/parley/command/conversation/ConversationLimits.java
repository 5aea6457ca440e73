package dev.parley.command.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on conversations that a deployment may set: a group's size, how many conversations one
 * command-side instance keeps decided in memory, and after how many events a conversation is snapshotted.
 */
@ConfigurationProperties("parley.conversations")
public record ConversationLimits(@DefaultValue("1024") int maxGroupMembers, @DefaultValue("4096") int cachedConversations,
                                 @DefaultValue("250") int snapshotEvery) {
}
