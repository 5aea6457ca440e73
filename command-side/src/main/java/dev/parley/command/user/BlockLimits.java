package dev.parley.command.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How many users one user may have blocked at once: the block table's rows per user stay bounded. */
@ConfigurationProperties("parley.blocks")
public record BlockLimits(@DefaultValue("10000") int maxBlockedUsers) {
}
