package dev.parley.command.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The types Parley stores, and the type of an upload as its bytes say (Tika's magic-number detection).
 * The client's {@code Content-Type} and file name are never consulted: they are whatever the client
 * claims, and a file renamed {@code .png} must not be stored, served or decoded as an image.
 */
public final class MediaTypes {

    /**
     * What Tika may name each allowed type, to the one type Parley stores it under. Ogg is a container Tika
     * names by the codec it finds first; every Ogg audio is stored as {@code audio/ogg}.
     */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("image/jpeg", "image/jpeg"),
            Map.entry("image/png", "image/png"),
            Map.entry("image/gif", "image/gif"),
            Map.entry("image/webp", "image/webp"),
            Map.entry("video/mp4", "video/mp4"),
            Map.entry("video/x-m4v", "video/mp4"),
            Map.entry("audio/mpeg", "audio/mpeg"),
            Map.entry("audio/mp4", "audio/mp4"),
            Map.entry("audio/x-aac", "audio/aac"),
            Map.entry("audio/aac", "audio/aac"),
            Map.entry("audio/ogg", "audio/ogg"),
            Map.entry("audio/vorbis", "audio/ogg"),
            Map.entry("audio/opus", "audio/ogg"),
            Map.entry("audio/speex", "audio/ogg"),
            Map.entry("application/ogg", "audio/ogg"),
            Map.entry("application/pdf", "application/pdf"));

    /** The image types Parley decodes, re-encodes and thumbnails. */
    private static final java.util.Set<String> IMAGES = java.util.Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private final Detector detector = MimeTypes.getDefaultMimeTypes();

    /** The allowed type the file's bytes are, or empty when they are of no allowed type. */
    public Optional<String> sniff(Path file) throws IOException {
        try (InputStream in = TikaInputStream.get(file)) {
            return allowed(detector.detect(in, new Metadata()));
        }
    }

    /** The allowed type the first bytes of an object are (at most the stream's first few KiB are read). */
    public Optional<String> sniff(InputStream head) throws IOException {
        try (InputStream in = TikaInputStream.get(head)) {
            return allowed(detector.detect(in, new Metadata()));
        }
    }

    /** True for a type Parley stores (as a client names it when it declares an upload's type). */
    public static boolean isAllowed(String contentType) {
        return ALLOWED.containsValue(contentType);
    }

    /** True for the types that are decoded and re-encoded as images. */
    public static boolean isImage(String contentType) {
        return IMAGES.contains(contentType);
    }

    private static Optional<String> allowed(MediaType detected) {
        return Optional.ofNullable(ALLOWED.get(detected.getBaseType().toString()));
    }
}
