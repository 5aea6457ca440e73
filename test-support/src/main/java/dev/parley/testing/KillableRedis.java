package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Redis of one test's own, which the test may kill with SIGKILL and start again on the same port without
 * disturbing the build's shared servers: for the tests of what Parley does while Redis is out and after it
 * returns. Its append-only file is written before every reply ({@code appendfsync always}), so a restart
 * keeps everything: an outage, not a loss of Redis's data, which the push tier answers differently (its
 * nodes close their sockets with 1012 when their registry entries are gone).
 */
public final class KillableRedis implements AutoCloseable {

    /** embedded-redis's Linux x86_64 binary, used when the machine has no {@code redis-server} on its PATH. */
    private static final String BUNDLED_BINARY = "redis-server-6.2.6-v5-linux-amd64";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path home;
    private Process process;

    private KillableRedis(int port, Path home) {
        this.port = port;
        this.home = home;
    }

    /** Starts a Redis on a free port of {@link OwnServerPorts}' range and waits until it answers {@code PING}. */
    public static KillableRedis startOnFreePort() throws IOException {
        return start(OwnServerPorts.free());
    }

    /** Starts a Redis on {@code port} (127.0.0.1) and waits until it answers {@code PING}. */
    public static KillableRedis start(int port) throws IOException {
        KillableRedis redis = new KillableRedis(port, Files.createTempDirectory("parley-killable-redis"));
        redis.restart();
        return redis;
    }

    public int port() {
        return port;
    }

    /** {@code spring.data.redis.url} for a service that should use this Redis. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server with SIGKILL and waits for it to be gone: connections drop without a goodbye. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the server again on the same port, with its data, and waits until it answers. */
    public void restart() throws IOException {
        kill0();
        process = new ProcessBuilder(List.of(binary().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", home.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                "--daemonize", "no"))
                .redirectErrorStream(true).redirectOutput(home.resolve("redis.log").toFile()).start();
        Awaitility.await("redis on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(this::answersPing);
    }

    /** Kills the server and deletes its folder. */
    @Override
    public void close() throws InterruptedException {
        kill();
        try {
            org.springframework.util.FileSystemUtils.deleteRecursively(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void kill0() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answersPing() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
        }
    }

    private Path binary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path unpacked = home.resolve(BUNDLED_BINARY);
        if (!Files.exists(unpacked)) {
            try (InputStream in = KillableRedis.class.getResourceAsStream("/" + BUNDLED_BINARY)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("no redis-server on PATH and no " + BUNDLED_BINARY + " on the classpath"));
                }
                Files.copy(in, unpacked, StandardCopyOption.REPLACE_EXISTING);
            }
            unpacked.toFile().setExecutable(true);
        }
        return unpacked;
    }
}
