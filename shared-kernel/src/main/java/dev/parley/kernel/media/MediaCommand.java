package dev.parley.kernel.media;

import dev.parley.kernel.Command;
import dev.parley.kernel.MediaId;

/** A command to one media object, routed by {@link #mediaId()}. */
public sealed interface MediaCommand extends Command permits RecordMedia {

    MediaId mediaId();

    @Override
    default String aggregateId() {
        return mediaId().value();
    }
}
