package dev.parley.command.media.direct;

import dev.parley.kernel.MediaId;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /api/media/uploads}'s answer: where and how to PUT the file ({@code headers} to send as they
 * are, besides a {@code Content-Length} of the declared size), until {@code expiresAt}; then complete
 * {@code uploadId}, which records the media as {@code mediaId}.
 */
record UploadTicket(String uploadId, MediaId mediaId, String method, String url, Map<String, String> headers,
                    Instant expiresAt) {
}
