package dev.parley.command.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Limits on conversations that a deployment may set. */
@ConfigurationProperties("parley.conversations")
public record ConversationLimits(@DefaultValue("1024") int maxGroupMembers) {
}
