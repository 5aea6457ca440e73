package dev.parley.platform.commands;

import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a node sends commands to the command side and hears the replies: on a reply topic of its own,
 * named for {@code nodeId} (unique per running instance; random unless set).
 */
@ConfigurationProperties("parley.commands")
public record CommandBusProperties(
        String nodeId,
        @DefaultValue("5s") Duration replyTimeout,
        @DefaultValue("1h") Duration replyRetention) {

    public CommandBusProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
