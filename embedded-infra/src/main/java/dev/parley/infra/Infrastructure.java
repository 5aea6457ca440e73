package dev.parley.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts every embedded server that is not replaced by an external one, all at once, prints progress,
 * restarts one whose process exits unasked (with backoff, see {@link InfraSettings.Restarts}), and stops
 * them all again within {@code stopTimeout}. Closing is idempotent and also runs on JVM shutdown.
 */
public final class Infrastructure implements AutoCloseable {

    private static final long MIN_FREE_DISK_BYTES = 512L * 1024 * 1024;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final InfraSettings settings;
    private final List<EmbeddedServer> servers;
    private final PrintStream progress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "parley-infra-shutdown");
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    private final Map<String, ServerSupervisor> supervisors = new LinkedHashMap<>();
    private final ScheduledExecutorService restartScheduler;
    private FileChannel lockChannel;
    private FileLock lock;

    private Infrastructure(InfraSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        Path data = settings.dataDir();
        Duration timeout = settings.startTimeout();
        List<EmbeddedServer> all = new ArrayList<>();
        if (settings.postgres().embedded()) {
            all.add(new PostgresServer(settings.postgres(), data));
        }
        if (settings.kafka().embedded()) {
            all.add(new KafkaServer(settings.kafka(), data, timeout));
        }
        if (settings.cassandra().embedded()) {
            all.add(new CassandraServer(settings.cassandra(), data, timeout));
        }
        if (settings.redis().embedded()) {
            all.add(new RedisServer(settings.redis(), data, timeout));
        }
        if (settings.s3().embedded()) {
            all.add(new S3Server(settings.s3(), data, timeout));
        }
        this.servers = List.copyOf(all);
        // A thread per server: a restart of Cassandra (half a minute) never holds up one of Redis.
        this.restartScheduler = Executors.newScheduledThreadPool(Math.max(1, servers.size()), runnable -> {
            Thread thread = new Thread(runnable, "parley-infra-restart");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the embedded servers and returns once every one answers its readiness check. On failure,
     * stops what did start and throws, naming the server, its log and the likely cause.
     */
    public static Infrastructure start(InfraSettings settings, PrintStream progress) throws ServerStartException {
        Infrastructure infrastructure = new Infrastructure(settings, progress);
        Runtime.getRuntime().addShutdownHook(infrastructure.shutdownHook);
        try {
            infrastructure.startAll();
            return infrastructure;
        } catch (ServerStartException | RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    public InfraEndpoints endpoints() {
        return InfraEndpoints.of(settings);
    }

    /** How long each embedded server took from launch to ready, in the order they became ready. */
    public Map<String, Duration> startTimes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(startTimes));
    }

    /** The pid of the server's running process (PostgreSQL's postmaster); empty while it is down or restarting. */
    public Optional<Long> pid(String server) {
        return servers.stream().filter(each -> each.name().equals(server)).findFirst()
                .flatMap(EmbeddedServer::process).map(ProcessHandle::pid);
    }

    /** How many times the server was started again after its process exited unasked, and came back ready. */
    public int restarts(String server) {
        ServerSupervisor supervisor = supervisors.get(server);
        return supervisor == null ? 0 : supervisor.restarts();
    }

    /** The names of the embedded servers, in start order. */
    public List<String> serverNames() {
        return servers.stream().map(EmbeddedServer::name).toList();
    }

    private void startAll() throws ServerStartException {
        if (servers.isEmpty()) {
            return;
        }
        prepareDataDir();
        lockDataDir();
        for (EmbeddedServer server : servers) {
            server.stopLeftover().ifPresent(pid -> progress.printf(
                    "[parley] stopped %s (pid %d), left running by an earlier run that did not stop%n", server.name(), pid));
        }
        for (EmbeddedServer server : servers) {
            server.checkPreconditions();
        }
        progress.printf("[parley] starting %s (data in %s)%n",
                String.join(", ", servers.stream().map(EmbeddedServer::name).toList()), settings.dataDir());
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(servers.size(), runnable -> {
            Thread thread = new Thread(runnable, "parley-infra-start");
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<EmbeddedServer> started = new ExecutorCompletionService<>(pool);
        Map<EmbeddedServer, Long> waiting = new LinkedHashMap<>();
        for (EmbeddedServer server : servers) {
            waiting.put(server, System.nanoTime());
            started.submit(() -> {
                server.start();
                return server;
            });
        }
        try {
            while (!waiting.isEmpty()) {
                Future<EmbeddedServer> next = started.poll(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    progress.printf("[parley]   waiting for %s (%s elapsed)%n",
                            String.join(", ", waiting.keySet().stream().map(EmbeddedServer::name).toList()),
                            seconds(Duration.ofNanos(System.nanoTime() - begin)));
                    continue;
                }
                EmbeddedServer server = next.get();
                Duration took = Duration.ofNanos(System.nanoTime() - waiting.remove(server));
                startTimes.put(server.name(), took);
                progress.printf("[parley]   %-9s ready in %s%n", server.name(), seconds(took));
            }
        } catch (ExecutionException e) {
            throw asStartFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("infrastructure", null, "interrupted while starting");
        } finally {
            pool.shutdownNow();
        }
        progress.printf("[parley] all servers ready in %s%n", seconds(Duration.ofNanos(System.nanoTime() - begin)));
        if (settings.restarts().enabled()) {
            for (EmbeddedServer server : servers) {
                ServerSupervisor supervisor = new ServerSupervisor(server, settings.restarts(), restartScheduler, progress);
                supervisors.put(server.name(), supervisor);
                supervisor.watch();
            }
        }
    }

    private static ServerStartException asStartFailure(ExecutionException e) {
        if (e.getCause() instanceof ServerStartException failure) {
            return failure;
        }
        return new ServerStartException("infrastructure", null, String.valueOf(e.getCause()));
    }

    /**
     * One run per data folder: held while the servers run, released by the OS if this process dies, so
     * that cleaning up leftovers below never touches the servers of another live run.
     */
    private void lockDataDir() throws ServerStartException {
        Path lockFile = settings.dataDir().resolve("parley.lock");
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            lock = tryLock(lockChannel);
            if (lock == null) {
                String holder = Files.readString(lockFile).trim();
                lockChannel.close();
                throw new ServerStartException("infrastructure", null, "another Parley (pid " + holder
                        + ") is running with the data folder " + settings.dataDir()
                        + "; stop it, or choose another folder with " + InfraSettings.PREFIX + "data-dir");
            }
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new ServerStartException("infrastructure", null, "cannot lock " + lockFile + ": " + e.getMessage());
        }
    }

    /** Null when another process, or another run in this JVM, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private void prepareDataDir() throws ServerStartException {
        Path data = settings.dataDir();
        try {
            if (!Files.exists(data)) {
                PrivateFiles.folder(data);
            }
            // Each server's own folder is owner-only, also in a data folder from an earlier version: the
            // servers' files (messages, password hashes, the commands topic) are for this user alone.
            for (EmbeddedServer server : servers) {
                PrivateFiles.folder(data.resolve(server.name()));
            }
            long free = Files.getFileStore(data).getUsableSpace();
            if (free < MIN_FREE_DISK_BYTES) {
                throw new ServerStartException("infrastructure", null, "only " + free / (1024 * 1024)
                        + " MiB free under " + data + "; the servers need at least "
                        + MIN_FREE_DISK_BYTES / (1024 * 1024) + " MiB");
            }
        } catch (IOException e) {
            throw new ServerStartException("infrastructure", null, "cannot use the data folder " + data + ": "
                    + e.getMessage());
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the OS drops the lock with the process anyway
        }
    }

    /**
     * For an owner that stops the servers itself once its own clients are closed (the standalone
     * application context): the JVM shutdown hook would otherwise stop them under those clients' feet.
     */
    public void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    /**
     * Stops every embedded server, all at once (none of them uses another), and kills with SIGKILL, one
     * line each, those still running after {@code stopTimeout}. A restart under way gives up first.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHook();
        supervisors.values().forEach(ServerSupervisor::stopWatching);
        restartScheduler.shutdownNow();
        if (!servers.isEmpty()) {
            progress.println("[parley] stopping the servers");
        }
        ExecutorService stopping = Executors.newFixedThreadPool(Math.max(1, servers.size()), runnable -> {
            Thread thread = new Thread(runnable, "parley-infra-stop");
            thread.setDaemon(true);
            return thread;
        });
        Map<EmbeddedServer, Future<?>> stops = new LinkedHashMap<>();
        for (EmbeddedServer server : servers) {
            stops.put(server, stopping.submit(server::stop));
        }
        long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
        stops.forEach((server, stop) -> {
            try {
                stop.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                progress.printf("[parley] %s did not stop within %d s: killed%n", server.name(),
                        settings.stopTimeout().toSeconds());
                server.kill();
            } catch (ExecutionException e) {
                progress.printf("[parley] %s did not stop cleanly: %s%n", server.name(), e.getCause().getMessage());
                server.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.kill();
            }
        });
        stopping.shutdownNow();
        releaseLock();
    }

    /**
     * SIGKILL to every server at once, without waiting: for a process that ran out of time to stop and is
     * about to halt (the servers run in sessions of their own, so nothing else would stop them).
     */
    public void kill() {
        supervisors.values().forEach(ServerSupervisor::stopWatching);
        restartScheduler.shutdownNow();
        for (EmbeddedServer server : servers) {
            server.process().ifPresent(process -> progress.printf("[parley] killing %s (pid %d)%n",
                    server.name(), process.pid()));
            server.kill();
        }
    }
}
