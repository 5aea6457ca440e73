package dev.parley.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** S3Proxy over the file system, in a child JVM (its jar clashes with Boot's Jetty and Jackson in process). */
final class S3Server extends ProcessServer {

    private final InfraSettings.S3 settings;

    S3Server(InfraSettings.S3 settings, Path infraDataDir, Duration timeout) {
        super("s3", "s3proxy", infraDataDir.resolve("s3"), timeout, Duration.ofSeconds(10));
        this.settings = settings;
    }

    @Override
    public void checkPreconditions() throws ServerStartException {
        ChildProcess.requireFreePort(name(), "s3.port", settings.port());
        if (InfraSettings.isBlank(settings.accessKey()) || InfraSettings.isBlank(settings.secretKey())) {
            // A fixed default would let anyone on the machine who knows it read and write every file.
            throw new ServerStartException(name(), null, "no credentials: set " + InfraSettings.PREFIX
                    + "s3.access-key and " + InfraSettings.PREFIX + "s3.secret-key");
        }
    }

    @Override
    public void start() throws ServerStartException, InterruptedException {
        String classpath = RuntimeClasspath.of("s3proxy");
        Path properties = home.resolve("s3proxy.properties");
        Path objects = home.resolve("objects");
        try {
            Files.createDirectories(objects);
            // Owner-only: it holds the secret key.
            PrivateFiles.write(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + settings.port(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + settings.accessKey(),
                    "s3proxy.credential=" + settings.secretKey(),
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + objects,
                    // The web app PUTs a large file to a presigned URL and fetches avatars from the store,
                    // from the page's origin: the browser asks first (CORS). Any origin may ask; only a valid
                    // signature gets an object, as with MinIO's default in docker-compose.yml.
                    "s3proxy.cors-allow-all=true",
                    ""));
        } catch (IOException e) {
            throw new ServerStartException(name(), logFile(), "could not write its configuration: " + e.getMessage());
        }
        List<String> command = List.of(ChildProcess.currentJava(), "-Xmx256m", "-Djava.awt.headless=true",
                "-cp", classpath, "org.gaul.s3proxy.Main", "--properties", properties.toString());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        // Any HTTP answer means it serves; anonymous requests get 403.
        launchAndAwait(command, () -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.port() + "/"))
                        .timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() > 0);
    }
}
