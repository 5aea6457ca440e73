package dev.parley.bench.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Pictures that make the server's image work real: photo-like JPEGs (gradients, shapes and sensor-like
 * noise on every pixel, so neither decoding nor re-encoding finds flat colour to skip) and screenshot-like
 * PNGs (flat panels and text around a noisy picture), each near a target size. A seed gives a different
 * picture, so the uploads of a run are not all one object.
 */
public final class SamplePhotos {

    private SamplePhotos() {
    }

    /** A JPEG photo of {@code width x height}, at the highest quality (from 0.9 down) that stays within {@code targetBytes} + 10%. */
    public static byte[] jpeg(long seed, int width, int height, long targetBytes) {
        BufferedImage image = photo(new Random(seed), width, height, 0, 0, width, height);
        byte[] bytes = null;
        for (float quality = 0.9f; quality >= 0.2f; quality -= 0.05f) {
            bytes = jpegBytes(image, quality);
            if (bytes.length <= targetBytes * 11 / 10) {
                break;
            }
        }
        return bytes;
    }

    /**
     * A PNG screenshot of {@code width x height}: flat panels and lines of text, with a noisy picture in the
     * middle that grows until the file reaches {@code targetBytes} (noise is what PNG cannot compress).
     */
    public static byte[] png(long seed, int width, int height, long targetBytes) {
        byte[] bytes = null;
        for (int edge = Math.min(width, height) / 8; edge <= Math.min(width, height); edge += Math.min(width, height) / 16) {
            Random random = new Random(seed);
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(245, 246, 248));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(40 + random.nextInt(60), 90 + random.nextInt(60), 160 + random.nextInt(60)));
            g.fillRect(0, 0, width, height / 10);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.DARK_GRAY);
            for (int line = 0; line * 18 + height / 10 + 20 < height; line++) {
                g.drawString("message " + random.nextInt(100_000) + " from the benchmark, seed " + seed, 12, height / 10 + 20 + line * 18);
            }
            g.dispose();
            int left = (width - edge) / 2;
            int top = (height - edge) / 2;
            photo(random, width, height, left, top, edge, edge, image);
            bytes = pngBytes(image);
            if (bytes.length >= targetBytes) {
                break;
            }
        }
        return bytes;
    }

    private static BufferedImage photo(Random random, int width, int height, int left, int top, int w, int h) {
        return photo(random, width, height, left, top, w, h, new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
    }

    /** Paints a photo-like picture into the given rectangle of {@code image}. */
    private static BufferedImage photo(Random random, int width, int height, int left, int top, int w, int h,
                                       BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setClip(left, top, w, h);
        g.setPaint(new GradientPaint(left, top, new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)),
                left, top + h, new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256))));
        g.fillRect(left, top, w, h);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(left + random.nextInt(w), top + random.nextInt(h), 10 + random.nextInt(Math.max(1, w / 4)),
                    10 + random.nextInt(Math.max(1, h / 4)));
        }
        g.dispose();
        for (int y = top; y < top + h && y < height; y++) {
            for (int x = left; x < left + w && x < width; x++) {
                int noise = random.nextInt(9) - 4;
                int rgb = image.getRGB(x, y);
                image.setRGB(x, y, (clamp(((rgb >> 16) & 0xFF) + noise) << 16) | (clamp(((rgb >> 8) & 0xFF) + noise) << 8)
                        | clamp((rgb & 0xFF) + noise));
            }
        }
        return image;
    }

    private static byte[] jpegBytes(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] pngBytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
