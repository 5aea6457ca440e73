package dev.parley.command.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The type comes from the bytes alone, and only allowed types pass. */
class MediaTypesTest {

    private final MediaTypes types = new MediaTypes();

    @Test
    void imagesAreKnownByTheirBytes() throws IOException {
        assertThat(sniff(image("png"))).contains("image/png");
        assertThat(sniff(image("jpg"))).contains("image/jpeg");
        assertThat(sniff(image("gif"))).contains("image/gif");
    }

    @Test
    void aPdfIsAllowed() throws IOException {
        assertThat(sniff("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1))).contains("application/pdf");
    }

    @Test
    void textAndExecutablesAreNotAllowedWhateverTheyClaim() throws IOException {
        assertThat(sniff("just some words, saved as photo.png".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(sniff("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(sniff(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0})).isEmpty();
    }

    @Test
    void onlyImagesAreDecoded() {
        assertThat(MediaTypes.isImage("image/webp")).isTrue();
        assertThat(MediaTypes.isImage("application/pdf")).isFalse();
    }

    private Optional<String> sniff(byte[] bytes) throws IOException {
        return types.sniff(new ByteArrayInputStream(bytes));
    }

    private static byte[] image(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }
}
