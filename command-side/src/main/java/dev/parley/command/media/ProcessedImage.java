package dev.parley.command.media;

/**
 * An image as it is stored: its bytes re-encoded from pixels (so no metadata survives), or, for an animated
 * GIF, null to store the upload itself; and its thumbnail, always re-encoded.
 */
public record ProcessedImage(byte[] bytes, String contentType, int width, int height, byte[] thumbnail,
                      String thumbnailType) {

    public boolean keepsOriginal() {
        return bytes == null;
    }
}
