package dev.parley.kernel.media;

import dev.parley.kernel.MediaId;
import dev.parley.kernel.UserId;
import java.time.Instant;

/**
 * A checked media object is stored and belongs to {@code ownerId}, the only user who may send it in a
 * message or use it as an avatar. Keyed on Kafka by {@link #mediaId()}.
 */
public record MediaUploaded(MediaId mediaId, UserId ownerId, MediaAttachment media, Instant at) implements MediaEvent {
}
