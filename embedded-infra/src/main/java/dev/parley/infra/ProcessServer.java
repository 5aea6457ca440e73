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
    /** The process of the current run, until it is stopped. */
    private volatile ChildProcess process;
    /** The process of the last run, kept after its stop so that its exit code can still be read. */
    private volatile ChildProcess last;

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
        last = process;
        process.awaitReady(ready, startTimeout);
    }

    /**
     * Also right after the process died on its own: what it forked goes with it (its group is killed once,
     * while its pid cannot yet belong to another process's group), and its pid file is removed.
     */
    @Override
    public final void stop() {
        ChildProcess current = process;
        if (current != null) {
            process = null;
            current.stop(stopGrace);
            ChildProcess.killGroup(current.pid());
        }
    }

    @Override
    public final Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(ChildProcess::handle).filter(ProcessHandle::isAlive);
    }

    @Override
    public final String exitDescription() {
        ChildProcess previous = last;
        return previous == null ? "never started" : previous.exitDescription();
    }

    @Override
    public final void kill() {
        ChildProcess current = process;
        if (current != null && current.handle().isAlive()) {
            ChildProcess.killGroup(current.pid());
            current.handle().destroyForcibly();
        }
    }
}
