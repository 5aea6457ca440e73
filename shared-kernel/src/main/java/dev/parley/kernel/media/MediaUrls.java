package dev.parley.kernel.media;

/**
 * Signs time-limited URLs of stored media objects. A URL is signed each time media is served (a message
 * pushed, a page of history, a redirect), never stored: a stored URL would expire while the message it
 * belongs to is still read.
 */
@FunctionalInterface
public interface MediaUrls {

    /** A URL that fetches the object stored under {@code objectKey} until it expires. */
    String signedGet(String objectKey);
}
