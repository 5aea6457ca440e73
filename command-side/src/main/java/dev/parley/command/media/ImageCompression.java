package dev.parley.command.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGQuality;
import net.coobird.thumbnailator.Thumbnails;
import org.springframework.stereotype.Component;

/**
 * Re-encodes an uploaded image within bounds: its size is read from the header and checked against the
 * pixel budget before a pixel is decoded (a PNG of a few KB can declare 20,000 x 20,000 pixels, 1.6 GB
 * decoded); then it is decoded, scaled down to the largest edge, and written anew from its pixels, which
 * leaves every metadata segment (EXIF, GPS, XMP, comments) behind. Images with transparency become PNG,
 * the others JPEG. An animated GIF is kept as uploaded (re-encoding frames would drop the animation); its
 * thumbnail is its first frame.
 *
 * <p>A JPEG is written at the configured quality or at its own, whichever is lower (its own is read from its
 * quantization tables): written above its own quality, an already compressed photo grows without gaining
 * anything (a 55 KB photo at quality 0.75 came back 72 KB at 0.82).
 */
@Component
public class ImageCompression {

    private final MediaProperties limits;
    private final Semaphore decodes;

    public ImageCompression(MediaProperties limits) {
        this.limits = limits;
        this.decodes = new Semaphore(limits.concurrentImageDecodes());
        // ImageIO registers the plugins of the class path it first saw; a Spring Boot jar's nested jars
        // (TwelveMonkeys' WebP and JPEG readers) are found only by scanning again with this class loader.
        ImageIO.scanForPlugins();
    }

    /** What the header says, before any pixel is decoded. */
    record Header(int width, int height, int frames, boolean transparent, float sourceJpegQuality) {
        long pixels() {
            return (long) width * height * frames;
        }
    }

    /**
     * The image to store and its thumbnail.
     *
     * @throws UndecodableMedia when it cannot be read, or has more pixels than the budget
     */
    public ProcessedImage compress(Path file, String contentType) throws InterruptedException {
        Header header = header(file, contentType);
        if (header.pixels() > limits.maxImagePixels()) {
            throw new UndecodableMedia("the image has " + header.pixels() + " pixels; at most "
                    + limits.maxImagePixels() + " are taken");
        }
        decodes.acquire();
        try {
            // Thumbnailator turns the image upright by its EXIF orientation while it reads it. Drawn into
            // plain RGB(A): it would otherwise keep the source's type, and a 2-colour GIF's packed pixels
            // lose their palette on the way. Opaque images as bytes in the order the JPEG writer takes them:
            // from packed ints it converted every pixel through the generic raster calls (28% of the upload
            // route's CPU in a profile).
            Thumbnails.Builder<?> source = Thumbnails.of(file.toFile())
                    .imageType(header.transparent() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
            int longest = Math.max(header.width(), header.height());
            BufferedImage pixels = (longest > limits.maxImageEdgePixels()
                    ? source.size(limits.maxImageEdgePixels(), limits.maxImageEdgePixels())
                    : source.scale(1.0)).asBufferedImage();
            BufferedImage small = fit(pixels, limits.thumbnailEdgePixels());
            boolean transparent = header.transparent();
            String encodedType = transparent ? "image/png" : "image/jpeg";
            float quality = Math.min(limits.jpegQuality(), header.sourceJpegQuality());
            byte[] thumbnail = encode(small, transparent, quality);
            if (header.frames() > 1) {
                return new ProcessedImage(null, contentType, header.width(), header.height(), thumbnail, encodedType);
            }
            return new ProcessedImage(encode(pixels, transparent, quality), encodedType, pixels.getWidth(),
                    pixels.getHeight(), thumbnail, encodedType);
        } catch (IOException | RuntimeException undecodable) {
            // Codecs fail on corrupt input with I/O errors and with runtime ones (an index out of bounds).
            throw new UndecodableMedia("the image could not be decoded");
        } finally {
            decodes.release();
        }
    }

    private static Header header(Path file, String contentType) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UndecodableMedia("no decoder reads this image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                // Only a GIF animates; counting its frames walks the blocks without decoding them.
                int frames = "image/gif".equals(contentType) ? reader.getNumImages(true) : 1;
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                boolean transparent = types.hasNext() && types.next().getColorModel().hasAlpha();
                return new Header(reader.getWidth(0), reader.getHeight(0), Math.max(frames, 1), transparent,
                        "image/jpeg".equals(contentType) ? jpegQuality(file) : 1f);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof UndecodableMedia refused) {
                throw refused;
            }
            throw new UndecodableMedia("the image's header could not be read");
        }
    }

    /** The quality a JPEG was written at, estimated from its quantization tables; 1 when it cannot be. */
    private static float jpegQuality(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            float quality = JPEGQuality.getJPEGQuality(in);
            return quality > 0 && quality <= 1 ? quality : 1f;
        } catch (IOException | RuntimeException unknown) {
            return 1f;
        }
    }

    private static BufferedImage fit(BufferedImage pixels, int edge) throws IOException {
        if (Math.max(pixels.getWidth(), pixels.getHeight()) <= edge) {
            return pixels;
        }
        return Thumbnails.of(pixels).size(edge, edge).asBufferedImage();
    }

    private static byte[] encode(BufferedImage pixels, boolean transparent, float jpegQuality) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (transparent) {
            ImageIO.write(pixels, "png", out);
            return out.toByteArray();
        }
        // ImageIO's own JPEG writer, given the pixels as they are (Thumbnailator would first copy them into
        // a new image of the same size).
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam settings = writer.getDefaultWriteParam();
            settings.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            settings.setCompressionQuality(jpegQuality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(pixels, null, null), settings);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
