package dev.parley.kernel.media;

import dev.parley.kernel.MediaId;

/**
 * The protocol's media object, as a client reads it: the stored attachment with freshly signed URLs of
 * the object and its thumbnail ({@code thumbnailUrl} null when it has none; both null when served
 * without signing, which no client route does).
 */
public record ServedMedia(MediaId mediaId, String contentType, long size, Integer width, Integer height,
                          String url, String thumbnailUrl) {

    /** The attachment as stored, without URLs. */
    public static ServedMedia unsigned(MediaAttachment media) {
        return new ServedMedia(media.mediaId(), media.contentType(), media.size(), media.width(), media.height(), null, null);
    }

    /** The attachment with URLs signed now. */
    public static ServedMedia signed(MediaAttachment media, MediaUrls urls) {
        return new ServedMedia(media.mediaId(), media.contentType(), media.size(), media.width(), media.height(),
                urls.signedGet(media.objectKey()),
                media.thumbnailKey() == null ? null : urls.signedGet(media.thumbnailKey()));
    }
}
