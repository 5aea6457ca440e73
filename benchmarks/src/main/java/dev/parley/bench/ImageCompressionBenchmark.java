package dev.parley.bench;

import dev.parley.command.media.ImageCompression;
import dev.parley.command.media.MediaProperties;
import dev.parley.command.media.ProcessedImage;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The time to compress and thumbnail one photo of about 50 KB (the size the capacity target assumes), as
 * {@code POST /api/media} does it with the default limits: header check, decode, re-encode, thumbnail. One
 * thread, no servers; it prints the median and the 90th percentile of many runs after a warm-up.
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dbench=ImageCompressionBenchmark</pre>
 */
public final class ImageCompressionBenchmark {

    private static final int WARM_UP = 100;
    private static final int RUNS = 400;
    private static final long TARGET_BYTES = 50_000;

    public static void main(String[] args) throws Exception {
        ImageCompression compression = new ImageCompression(new MediaProperties(26_214_400, 500, 1_073_741_824L,
                40_000_000, 2048, 320, 0.82f, 2, Duration.ofMinutes(15)));
        Path photo = Files.createTempFile("parley-bench-", ".jpg");
        try {
            int edge = args.length > 0 ? Integer.parseInt(args[0]) : 1280;
            long size = writePhoto(photo, edge, edge * 3 / 4);
            ProcessedImage sample = null;
            for (int i = 0; i < WARM_UP; i++) {
                sample = compression.compress(photo, "image/jpeg");
            }
            long[] nanos = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                compression.compress(photo, "image/jpeg");
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("input: %d x %d JPEG, %d bytes; stored %d bytes (%d x %d), thumbnail %d bytes%n",
                    edge, edge * 3 / 4, size, sample.bytes().length, sample.width(), sample.height(), sample.thumbnail().length);
            System.out.printf("compress and thumbnail, %d runs on one thread: median %.1f ms, p90 %.1f ms, min %.1f ms%n",
                    RUNS, nanos[RUNS / 2] / 1e6, nanos[RUNS * 9 / 10] / 1e6, nanos[0] / 1e6);
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    /** A photo-like picture (gradients, shapes, sensor-like noise), at the JPEG quality that makes it ~50 KB. */
    private static long writePhoto(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 200), 0, height, new Color(230, 200, 150)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(15);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(width / 4), 20 + random.nextInt(height / 4));
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(9) - 4;
                int rgb = image.getRGB(x, y);
                int r = clamp(((rgb >> 16) & 0xFF) + noise);
                int gr = clamp(((rgb >> 8) & 0xFF) + noise);
                int b = clamp((rgb & 0xFF) + noise);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        for (float quality = 0.9f; ; quality -= 0.05f) {
            long size = writeJpeg(image, file, quality);
            if (size <= TARGET_BYTES * 11 / 10 || quality < 0.2f) {
                return size;
            }
        }
    }

    private static long writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (OutputStream out = Files.newOutputStream(file); ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return Files.size(file);
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
