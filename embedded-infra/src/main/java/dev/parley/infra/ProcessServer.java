package dev.parley.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A server that runs as a child process of Parley's (Kafka, Cassandra, Redis, S3Proxy): its folder under
 * the data folder holds its log and its pid file, which a later run uses to stop it if this run dies.
 */
abstract class ProcessServer implements EmbeddedServer {

    private final String name;
    private final String fileStem;
    private final Duration startTimeout;
    private final Duration stopGrace;
    /** This server's own folder under the data folder. */
    protected final Path home;
    private ChildProcess process;

    ProcessServer(String name, String fileStem, Path home, Duration startTimeout, Duration stopGrace) {
        this.name = name;
        this.fileStem = fileStem;
        this.home = home;
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Path logFile() {
        return home.resolve(fileStem + ".log");
    }

    private Path pidFile() {
        return home.resolve(fileStem + ".pid");
    }

    @Override
    public final Optional<Long> stopLeftover() {
        return ChildProcess.stopLeftover(pidFile(), home.toString(), stopGrace);
    }

    /** Launches the command and returns once {@code ready} answers true. */
    protected final void launchAndAwait(List<String> command, Callable<Boolean> ready)
            throws ServerStartException, InterruptedException {
        process = ChildProcess.launch(name, command, home, logFile(), pidFile());
        process.awaitReady(ready, startTimeout);
    }

    @Override
    public final void stop() {
        if (process != null) {
            process.stop(stopGrace);
            process = null;
        }
    }
}
