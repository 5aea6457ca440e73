package dev.parley.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cassandra 5.0 in a child JVM (it installs a SecurityManager and global singletons, so never in process),
 * single node on loopback, small memtables. It needs Java 11 or 17 for its own JVM.
 */
final class CassandraServer extends ProcessServer {

    /** From Cassandra's own jvm-server.options and jvm17-server.options: what it needs to start on Java 17. */
    private static final List<String> JVM17_FLAGS = List.of(
            "-ea", "-da:net.openhft...", "-XX:+UseThreadPriorities", "-Xss256k", "-XX:+UseTLAB", "-XX:+ResizeTLAB",
            "-XX:+PerfDisableSharedMem", "-Djava.net.preferIPv4Stack=true", "-XX:+UseG1GC",
            "-XX:+ParallelRefProcEnabled", "-XX:MaxTenuringThreshold=1", "-XX:G1HeapRegionSize=16m",
            "-XX:MaxGCPauseMillis=300", "-Djdk.attach.allowAttachSelf=true",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports=java.sql/java.sql=ALL-UNNAMED",
            "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    private final InfraSettings.Cassandra settings;

    CassandraServer(InfraSettings.Cassandra settings, Path infraDataDir, Duration timeout) {
        // Cassandra drains on SIGTERM in 6 to 8 s here.
        super("cassandra", "cassandra", infraDataDir.resolve("cassandra"), timeout, Duration.ofSeconds(30));
        this.settings = settings;
    }

    @Override
    public void checkPreconditions() throws ServerStartException {
        ChildProcess.requireFreePort(name(), "cassandra.port", settings.port());
        ChildProcess.requireFreePort(name(), "cassandra.storage-port", settings.storagePort());
        java();
    }

    /** This JVM's java if it is 11 or 17, else the configured one, else a JDK 17 found on the machine. */
    String java() throws ServerStartException {
        if (!InfraSettings.isBlank(settings.javaHome())) {
            Path configured = Path.of(settings.javaHome(), "bin", "java");
            if (!Files.isExecutable(configured)) {
                throw new ServerStartException(name(), null, InfraSettings.PREFIX + "cassandra.java-home points at "
                        + settings.javaHome() + ", which has no bin/java");
            }
            return configured.toString();
        }
        int feature = Runtime.version().feature();
        if (feature == 11 || feature == 17) {
            return ChildProcess.currentJava();
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> jdk.getFileName().toString().contains("17"))
                    .map(jdk -> jdk.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .map(Path::toString)
                    .orElseThrow();
        } catch (IOException | RuntimeException none) {
            throw new ServerStartException(name(), null, "Cassandra 5.0 runs on Java 11 or 17, this is Java " + feature
                    + "; install a JDK 17 or set " + InfraSettings.PREFIX + "cassandra.java-home");
        }
    }

    @Override
    public void start() throws ServerStartException, InterruptedException {
        String classpath = RuntimeClasspath.of("cassandra");
        Path yaml = home.resolve("cassandra.yaml");
        Path logback = home.resolve("logback.xml");
        try {
            Files.createDirectories(home);
            Files.writeString(yaml, cassandraYaml());
            Files.writeString(logback, """
                    <configuration>
                      <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d %-5level [%thread] %logger{30}: %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="STDOUT"/></root>
                    </configuration>
                    """);
        } catch (IOException e) {
            throw new ServerStartException(name(), logFile(), "could not write its configuration: " + e.getMessage());
        }
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(JVM17_FLAGS);
        command.addAll(List.of(
                "-Xms256m", "-Xmx" + settings.heapMb() + "m", "-XX:MaxDirectMemorySize=512m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dcassandra.config=file://" + yaml,
                "-Dcassandra.storagedir=" + home.resolve("storage"),
                "-Dcassandra-foreground=yes",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                // Not cassandra.unsafesystem: it skips the flush of the schema tables after each schema change,
                // and a node killed before they were flushed came back without the keyspaces created since (their
                // commit log replayed without them): every session bound to one then failed for good.
                "-Dlogback.configurationFile=" + logback,
                // With the password authenticator: create the default role at once, not 10 s after start.
                "-Dcassandra.superuser_setup_delay_ms=0",
                "-cp", classpath,
                "org.apache.cassandra.service.CassandraDaemon"));
        // The native (CQL) port opens last, once the node can serve queries.
        launchAndAwait(command, () -> ChildProcess.acceptsConnections(settings.port()));
        if (settings.requiresLogin()) {
            new CassandraLoginRole(settings, logFile()).ensure();
        }
    }

    private String cassandraYaml() {
        Path storage = home.resolve("storage");
        return String.join("\n",
                "cluster_name: parley",
                "num_tokens: 1",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                // Only Parley's role can log in; it is a superuser (it creates its keyspaces), so an
                // authorizer would check nothing more.
                "authenticator: " + (settings.requiresLogin() ? "PasswordAuthenticator" : "AllowAllAuthenticator"),
                "authorizer: AllowAllAuthorizer",
                "data_file_directories:",
                "  - " + storage.resolve("data"),
                "commitlog_directory: " + storage.resolve("commitlog"),
                "saved_caches_directory: " + storage.resolve("saved_caches"),
                "hints_directory: " + storage.resolve("hints"),
                "cdc_raw_directory: " + storage.resolve("cdc_raw"),
                "commitlog_sync: periodic",
                "commitlog_sync_period: 10000ms",
                "commitlog_segment_size: 8MiB",
                "commitlog_total_space: 128MiB",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: \"127.0.0.1:" + settings.storagePort() + "\"",
                "listen_address: 127.0.0.1",
                "rpc_address: 127.0.0.1",
                "storage_port: " + settings.storagePort(),
                "native_transport_port: " + settings.port(),
                "start_native_transport: true",
                "endpoint_snitch: SimpleSnitch",
                "memtable_heap_space: 64MiB",
                "memtable_offheap_space: 64MiB",
                "key_cache_size: 16MiB",
                "disk_failure_policy: stop",
                "commit_failure_policy: stop",
                "auto_snapshot: false",
                "");
    }
}
