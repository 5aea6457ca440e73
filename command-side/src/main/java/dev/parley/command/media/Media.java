package dev.parley.command.media;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.media.MediaUploaded;
import dev.parley.kernel.media.RecordMedia;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One stored media object and its owner. Its bytes are checked and stored before it is recorded (by either
 * upload route); what it decides is that the media exists, once, and whose it is.
 */
@Aggregate(commandTargetResolver = "aggregateTargets")
public class Media {

    @AggregateIdentifier
    private MediaId id;

    protected Media() {
        // for Axon: created empty, then from events
    }

    /**
     * Idempotent: recording an id again (a retried upload's second {@code complete}, a redelivered command)
     * changes nothing, whoever asks, since the ids are the server's own and the first record stands.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MediaId handle(RecordMedia command, MediaOwnerTable owners, Clock clock) {
        if (id != null) {
            return id;
        }
        owners.add(command.ownerId(), command.media());
        apply(new MediaUploaded(command.mediaId(), command.ownerId(), command.media(), clock.instant()));
        return command.mediaId();
    }

    @EventSourcingHandler
    void on(MediaUploaded event) {
        id = event.mediaId();
    }
}
