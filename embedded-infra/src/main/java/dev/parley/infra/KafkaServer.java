package dev.parley.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A one-node KRaft Kafka broker (broker and controller in one) in a child JVM. */
final class KafkaServer extends ProcessServer {

    private final InfraSettings.Kafka settings;

    KafkaServer(InfraSettings.Kafka settings, Path infraDataDir, Duration timeout) {
        super("kafka", "kafka", infraDataDir.resolve("kafka"), timeout, Duration.ofSeconds(30));
        this.settings = settings;
    }

    @Override
    public void checkPreconditions() throws ServerStartException {
        ChildProcess.requireFreePort(name(), "kafka.port", settings.port());
        ChildProcess.requireFreePort(name(), "kafka.controller-port", settings.controllerPort());
    }

    @Override
    public void start() throws ServerStartException, InterruptedException {
        String classpath = RuntimeClasspath.of("kafka");
        Path logDir = home.resolve("log");
        Path config = home.resolve("server.properties");
        Path log4j = home.resolve("log4j.properties");
        try {
            Files.createDirectories(logDir);
            // Owner-only: with a login, it holds the password.
            PrivateFiles.write(config, serverProperties(logDir));
            Files.writeString(log4j, """
                    log4j.rootLogger=INFO, stdout
                    log4j.appender.stdout=org.apache.log4j.ConsoleAppender
                    log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
                    log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
                    log4j.logger.kafka.request.logger=WARN
                    log4j.logger.state.change.logger=WARN
                    """);
        } catch (IOException e) {
            throw new ServerStartException(name(), logFile(), "could not write its configuration: " + e.getMessage());
        }
        List<String> java = List.of(ChildProcess.currentJava(),
                "-Xms128m", "-Xmx" + settings.heapMb() + "m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j.configuration=file:" + log4j, "-Dkafka.logs.dir=" + home.resolve("logs"),
                "-cp", classpath);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // A KRaft log directory must be formatted once with a cluster id before the first start.
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            ChildProcess.runToCompletion(name(), format, home, logFile(), Duration.ofSeconds(90));
        }
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of("kafka.Kafka", config.toString()));
        launchAndAwait(command, this::answersMetadata);
    }

    private String serverProperties(Path logDir) {
        int port = settings.port();
        int controller = settings.controllerPort();
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=CLIENTS://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=CLIENTS://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENTS"));
        if (settings.requiresLogin()) {
            // Both listeners: a client could otherwise send admin requests to the controller's port.
            String jaas = login().listenerJaasConfig();
            lines.addAll(List.of(
                    "listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                    "sasl.enabled.mechanisms=PLAIN",
                    "sasl.mechanism.inter.broker.protocol=PLAIN",
                    "sasl.mechanism.controller.protocol=PLAIN",
                    "listener.name.clients.plain.sasl.jaas.config=" + jaas,
                    "listener.name.controller.plain.sasl.jaas.config=" + jaas));
        } else {
            lines.add("listener.security.protocol.map=CLIENTS:PLAINTEXT,CONTROLLER:PLAINTEXT");
        }
        lines.addAll(List.of(
                "log.dirs=" + logDir,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                // Parley creates its topics itself, with their partition counts and retention.
                "auto.create.topics.enable=false",
                // Durability. Producers ask for acks=all; with one broker that is this broker's log, written
                // to the page cache: a broker killed (even with SIGKILL) loses nothing acknowledged, since the
                // kernel still writes those pages out; a crash of the machine may lose the last seconds. A
                // flush per record (log.flush.interval.messages=1) would close that window at a disk flush
                // per produce request; the publication audit republishes from the event store instead, which
                // PostgreSQL keeps on disk. Never elect a replica that fell behind.
                "unclean.leader.election.enable=false",
                "min.insync.replicas=1",
                // One node: no reason to wait for more members before the first rebalance.
                "group.initial.rebalance.delay.ms=0",
                ""));
        return String.join("\n", lines);
    }

    private KafkaLogin login() {
        return new KafkaLogin(settings.username(), settings.password());
    }

    private boolean answersMetadata() throws Exception {
        if (!ChildProcess.acceptsConnections(settings.port())) {
            return false;
        }
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + settings.port(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        if (settings.requiresLogin()) {
            config.putAll(login().clientProperties());
        }
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        }
    }
}
