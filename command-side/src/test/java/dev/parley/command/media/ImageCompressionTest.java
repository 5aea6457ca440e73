package dev.parley.command.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEGQuality;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality a JPEG is stored at: the configured one, or the photo's own when that is lower. */
class ImageCompressionTest {

    private final ImageCompression compression = new ImageCompression(new MediaProperties(26214400, 500, 1073741824,
            40000000, 2048, 320, 0.82f, 2));

    @TempDir
    Path folder;

    @Test
    void aPhotoAlreadyCompressedBelowTheConfiguredQualityKeepsItsOwnAndDoesNotGrow() throws Exception {
        byte[] photo = noisyJpeg(1280, 960, 0.6f);

        ProcessedImage stored = compression.compress(write(photo), "image/jpeg");

        assertThat(qualityOf(stored.bytes())).isCloseTo(0.6f, within(0.02f));
        assertThat(stored.bytes().length).isLessThanOrEqualTo(photo.length * 11 / 10);
    }

    @Test
    void aPhotoOfHigherQualityIsStoredAtTheConfiguredOne() throws Exception {
        byte[] photo = noisyJpeg(1280, 960, 0.95f);

        ProcessedImage stored = compression.compress(write(photo), "image/jpeg");

        assertThat(qualityOf(stored.bytes())).isCloseTo(0.82f, within(0.02f));
        assertThat(stored.bytes().length).isLessThan(photo.length);
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(folder, "upload", ".bin");
        Files.write(file, bytes);
        return file;
    }

    private static float qualityOf(byte[] jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            return JPEGQuality.getJPEGQuality(in);
        }
    }

    /** A photo-like JPEG: every pixel varies, so that the quality decides its size as in a photo. */
    private static byte[] noisyJpeg(int width, int height, float quality) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int shade = (x * 255 / width + random.nextInt(32)) & 0xFF;
                image.setRGB(x, y, shade << 16 | (y * 255 / height) << 8 | random.nextInt(64));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam settings = writer.getDefaultWriteParam();
        settings.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        settings.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), settings);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
