package dev.parley.bench.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.bench.realtime.MachineCpu;
import dev.parley.bench.realtime.ParleyRest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Image uploads through {@code POST /api/media} against a running Parley, over real sockets as a client app
 * sends them: {@code bench/media.sh --help}. Signed-in users each upload one image after another (as fast
 * as answers come, or at a steady total rate), generated photos of about 50 KB with a share of PNG
 * screenshots; it prints progress while it runs, then uploads a second, latency percentiles, errors by
 * status, bytes each way and the machine's CPU per upload. See docs/benchmarks.md, "Media uploads".
 */
@Command(name = "bench/media.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Uploads generated images through POST /api/media of a running Parley (start it with"
                + " ./standalone.sh first) from signed-in users, and reports uploads/s, latency, errors by status and"
                + " bytes. For a local or test deployment only: it registers users and stores every upload.", ""})
public final class MediaUploadBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "Parley's address (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--users", defaultValue = "8",
            description = "signed-in users uploading at once, one upload in flight each (default: ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--rate", defaultValue = "0",
            description = "uploads a second in all, spread evenly over the users; 0: each user uploads again as soon as"
                    + " answered (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "length of the measured run (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "15",
            description = "uploads before the measured run, not reported, for the server's JIT (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--png-percent", defaultValue = "20", description = "share of uploads that are PNG screenshots (default: ${DEFAULT-VALUE})")
    int pngPercent;

    @Option(names = "--image-bytes", defaultValue = "50000", description = "the size each generated image aims at (default: ${DEFAULT-VALUE})")
    int imageBytes;

    @Option(names = "--distinct-images", defaultValue = "24",
            description = "images generated before the run and uploaded in turn, of each type (default: ${DEFAULT-VALUE})")
    int distinctImages;

    @Option(names = "--progress-seconds", defaultValue = "5", description = "a progress line this often (default: ${DEFAULT-VALUE})")
    int progressSeconds;

    @Option(names = "--request-timeout-seconds", defaultValue = "60",
            description = "how long one upload may take before it counts as no answer (default: ${DEFAULT-VALUE})")
    int requestTimeoutSeconds;

    /** One generated image and its multipart body, built once. */
    private record Sample(boolean jpeg, byte[] file, byte[] body) {
    }

    private String boundary;
    private HttpClient http;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new MediaUploadBenchmark()).setExecutionExceptionHandler((failure, command, parsed) -> {
            System.err.println("[media] failed: " + failure.getMessage());
            return 1;
        }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (users < 1 || seconds < 1 || warmupSeconds < 0 || rate < 0 || pngPercent < 0 || pngPercent > 100
                || distinctImages < 1 || progressSeconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "users, seconds, distinct images and progress"
                    + " seconds must be 1 or more, rate and warm-up 0 or more, png-percent 0 to 100");
        }
        String runId = Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
        boundary = "parley-bench-" + runId;
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        System.out.printf(Locale.ROOT, "[media] run %s against %s: %d users, %s, %d%% PNG, %d s measured after %d s warm-up%n",
                runId, url, users, rate == 0 ? "each uploading as soon as answered" : rate + " uploads/s in all", pngPercent,
                seconds, warmupSeconds);
        List<Sample> jpegs = new ArrayList<>();
        List<Sample> pngs = new ArrayList<>();
        for (int i = 0; i < distinctImages; i++) {
            jpegs.add(sample(true, SamplePhotos.jpeg(i, 1280, 960, imageBytes), i));
            if (pngPercent > 0) {
                pngs.add(sample(false, SamplePhotos.png(i, 640, 480, imageBytes), i));
            }
        }
        System.out.printf(Locale.ROOT, "[media] %d JPEG photos of %,d bytes on average, %d PNG screenshots of %,d bytes%n",
                jpegs.size(), averageSize(jpegs), pngs.size(), averageSize(pngs));

        ParleyRest rest = new ParleyRest(url, http);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String username = String.format(Locale.ROOT, "mb%s_%d", runId, i);
            tokens.add(rest.register(username, "media-bench-" + runId + "-password", username).token());
        }
        System.out.printf(Locale.ROOT, "[media] %d users registered and signed in%n", users);

        if (warmupSeconds > 0) {
            run("warm-up", warmupSeconds, tokens, jpegs, pngs);
        }
        MachineCpu cpu = new MachineCpu();
        MachineCpu.Sample before = cpu.sample();
        long start = System.nanoTime();
        UploadTally measured = run("measured", seconds, tokens, jpegs, pngs);
        double elapsed = (System.nanoTime() - start) / 1e9;
        report(measured, elapsed, cpu.between(before, cpu.sample()));
        return measured.created() > 0 ? 0 : 1;
    }

    private Sample sample(boolean jpeg, byte[] file, int n) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 256);
        String name = jpeg ? "photo-" + n + ".jpg" : "screenshot-" + n + ".png";
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + (jpeg ? "image/jpeg" : "image/png") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Sample(jpeg, file, body.toByteArray());
    }

    /**
     * One phase: a thread per user. With a rate, upload {@code n} of the phase is due at {@code n / rate}
     * seconds and belongs to user {@code n mod users}, and its latency counts from when it was due (a server
     * that falls behind shows as latency, not as a slower sender); without, from when it was sent.
     */
    private UploadTally run(String phase, int phaseSeconds, List<String> tokens, List<Sample> jpegs, List<Sample> pngs)
            throws InterruptedException {
        UploadTally tally = new UploadTally();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(phaseSeconds);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "media-progress");
            thread.setDaemon(true);
            return thread;
        });
        long[] last = {0, start};
        progress.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long created = tally.created();
            System.out.printf(Locale.ROOT, "[media] %s %3d/%d s  created %d (%.1f/s now), errors %d, p50 %.1f ms, p99 %.1f ms%n",
                    phase, TimeUnit.NANOSECONDS.toSeconds(now - start), phaseSeconds, created,
                    (created - last[0]) / ((now - last[1]) / 1e9), tally.errorCount(), tally.latencyMillis(50),
                    tally.latencyMillis(99));
            last[0] = created;
            last[1] = now;
        }, progressSeconds, progressSeconds, TimeUnit.SECONDS);
        ExecutorService uploaders = Executors.newFixedThreadPool(users);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                running.add(uploaders.submit(() -> uploadUntil(user, tokens.get(user), start, end, jpegs, pngs, tally)));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("an uploading thread failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            uploaders.shutdownNow();
            progress.shutdownNow();
        }
        return tally;
    }

    private void uploadUntil(int user, String token, long start, long end, List<Sample> jpegs, List<Sample> pngs,
                             UploadTally tally) {
        for (long n = user; ; n += users) {
            long due = rate == 0 ? System.nanoTime() : start + n * 1_000_000_000L / rate;
            if (due >= end) {
                return;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            // Every image type in its share, spread over the run: upload n is a PNG when n falls in the PNG part of
            // its hundred.
            boolean png = !pngs.isEmpty() && Math.floorMod(n * 37, 100) < pngPercent;
            List<Sample> pool = png ? pngs : jpegs;
            upload(token, pool.get((int) ((n / users) % pool.size())), due, tally);
        }
    }

    private void upload(String token, Sample sample, long due, UploadTally tally) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/media"))
                .timeout(Duration.ofSeconds(requestTimeoutSeconds))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample.body())).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - due;
            if (response.statusCode() == 201) {
                JsonNode media = JSON.readTree(response.body());
                tally.created(nanos, sample.jpeg(), sample.body().length, response.body().length, sample.file().length,
                        media.path("size").asLong());
            } else {
                tally.answered(response.statusCode(), sample.body().length, response.body().length);
            }
        } catch (IOException e) {
            tally.answered(UploadTally.NO_ANSWER, sample.body().length, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(UploadTally tally, double elapsedSeconds, MachineCpu.Usage cpu) {
        long created = tally.created();
        System.out.printf(Locale.ROOT, "[media] done: %d created in %.1f s: %.1f uploads/s (%d JPEG, %d PNG)%n", created,
                elapsedSeconds, created / elapsedSeconds, tally.jpegs(), created - tally.jpegs());
        System.out.printf(Locale.ROOT, "[media] latency of created uploads: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                tally.latencyMillis(50), tally.latencyMillis(95), tally.latencyMillis(99), tally.maxLatencyMillis());
        System.out.printf(Locale.ROOT, "[media] errors by status (0: no answer): %s%n",
                tally.errors().isEmpty() ? "none" : tally.errors());
        System.out.printf(Locale.ROOT, "[media] bytes: sent %,d (%.2f MB/s), received %,d; files uploaded %,d, stored %,d"
                        + " (%.0f%% of uploaded, thumbnails not counted)%n", tally.bytesSent(),
                tally.bytesSent() / elapsedSeconds / 1e6, tally.bytesReceived(), tally.bytesUploaded(), tally.bytesStored(),
                tally.bytesUploaded() == 0 ? 0 : 100.0 * tally.bytesStored() / tally.bytesUploaded());
        double serverMillis = cpu.machineMillisPer(created) - cpu.clientMillisPer(created);
        System.out.printf(Locale.ROOT, "[media] CPU: machine %.0f%% busy; per upload %.1f ms in all, %.1f ms this client,"
                        + " %.1f ms the rest (Parley and its servers): %.1f uploads/s per core of the rest%n",
                100 * cpu.machineBusyShare(), cpu.machineMillisPer(created), cpu.clientMillisPer(created), serverMillis,
                serverMillis > 0 ? 1000 / serverMillis : 0);
    }

    private static long averageSize(List<Sample> samples) {
        return samples.isEmpty() ? 0 : (long) samples.stream().mapToInt(s -> s.file().length).average().orElse(0);
    }
}
