package dev.parley.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The machine's {@code redis-server} when it has one, else the binary shipped in embedded-redis's jar. */
final class RedisServer extends ProcessServer {

    private final InfraSettings.Redis settings;

    RedisServer(InfraSettings.Redis settings, Path infraDataDir, Duration timeout) {
        super("redis", "redis", infraDataDir.resolve("redis"), timeout, Duration.ofSeconds(10));
        this.settings = settings;
    }

    @Override
    public void checkPreconditions() throws ServerStartException {
        ChildProcess.requireFreePort(name(), "redis.port", settings.port());
    }

    @Override
    public void start() throws ServerStartException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary().toString()));
        if (settings.requiresLogin()) {
            // In an owner-only file, not on the command line, where any user of the machine could read it.
            Path config = home.resolve("redis.conf");
            try {
                PrivateFiles.write(config, "requirepass \"" + settings.password() + "\"\n");
            } catch (IOException e) {
                throw new ServerStartException(name(), logFile(), "could not write its configuration: " + e.getMessage());
            }
            command.add(config.toString());
        }
        command.addAll(List.of(
                "--port", Integer.toString(settings.port()),
                "--bind", "127.0.0.1",
                "--dir", home.toString(),
                "--daemonize", "no",
                "--save", ""));
        // Standalone keeps its Redis data across restarts (caches that projections built); tests need not.
        command.addAll(settings.persistent()
                ? List.of("--appendonly", "yes", "--appendfsync", "everysec")
                : List.of("--appendonly", "no"));
        launchAndAwait(command, this::answersPing);
    }

    private Path binary() throws ServerStartException {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String resource = bundledBinaryName();
        Path target = home.resolve("bin").resolve(resource);
        try (InputStream in = RedisServer.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new ServerStartException(name(), null, "no redis-server on PATH and none bundled for "
                        + resource + "; install Redis or set " + InfraSettings.PREFIX + "redis.url");
            }
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            target.toFile().setExecutable(true);
            return target;
        } catch (IOException e) {
            throw new ServerStartException(name(), null, "could not unpack " + resource + ": " + e.getMessage());
        }
    }

    /** The resource names inside embedded-redis 1.4.4's jar. */
    private static String bundledBinaryName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        if (os.contains("mac")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
    }

    /** Ready when it answers, with a pong or, when it requires a password, with a refusal. */
    private boolean answersPing() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", settings.port()), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = socket.getInputStream().readNBytes(7);
            String answer = new String(reply, StandardCharsets.US_ASCII);
            return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");
        }
    }
}
