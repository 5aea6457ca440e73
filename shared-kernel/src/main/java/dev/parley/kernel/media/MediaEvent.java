package dev.parley.kernel.media;

import dev.parley.kernel.MediaId;

/** A fact about one media object; on Kafka it is keyed by {@link #mediaId()}. */
public sealed interface MediaEvent permits MediaUploaded {

    MediaId mediaId();
}
