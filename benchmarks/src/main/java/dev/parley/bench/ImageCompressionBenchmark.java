package dev.parley.bench;

import dev.parley.bench.media.SamplePhotos;
import dev.parley.command.media.ImageCompression;
import dev.parley.command.media.MediaProperties;
import dev.parley.command.media.ProcessedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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
        // parley.media.*'s defaults (MediaProperties): only the image limits and the quality matter here.
        ImageCompression compression = new ImageCompression(new MediaProperties(26_214_400, 500, 1_073_741_824L,
                40_000_000, 2048, 320, 0.82f, 2));
        Path photo = Files.createTempFile("parley-bench-", ".jpg");
        try {
            int edge = args.length > 0 ? Integer.parseInt(args[0]) : 1280;
            // A photo-like picture (gradients, shapes, sensor-like noise) at the JPEG quality that makes it ~50 KB.
            Files.write(photo, SamplePhotos.jpeg(15, edge, edge * 3 / 4, TARGET_BYTES));
            long size = Files.size(photo);
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
}
