package dev.parley.transport;

import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a node sends commands to the command side and hears the replies: on a reply topic of its own,
 * named for {@code nodeId} (unique per running instance; random unless set). docs/architecture.md,
 * "Deadlines and shedding", gives the reasons for the three durations.
 *
 * @param replyTimeout        the sender's budget: a command is sent with the deadline now plus this, and its
 *                            sender answers {@code UNAVAILABLE} when no reply has come by then
 * @param decideMargin        command side: a command with less than this left before its deadline is
 *                            answered {@code UNAVAILABLE} without being decided
 * @param commitMargin        command side: a batch is committed only if every command in it has at least this
 *                            left; otherwise it is rolled back and its commands decided again one by one
 * @param overloadLogInterval how often the counts of shed requests are logged (one line, only when nonzero)
 */
@ConfigurationProperties("parley.commands")
public record CommandTransportProperties(
        String nodeId,
        @DefaultValue("3s") Duration replyTimeout,
        @DefaultValue("1h") Duration replyRetention,
        @DefaultValue("1s") Duration decideMargin,
        @DefaultValue("500ms") Duration commitMargin,
        @DefaultValue("10s") Duration overloadLogInterval) {

    public CommandTransportProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
        }
        if (commitMargin.compareTo(decideMargin) > 0) {
            throw new IllegalArgumentException("parley.commands.commit-margin (" + commitMargin
                    + ") must not exceed parley.commands.decide-margin (" + decideMargin + ")");
        }
    }
}
