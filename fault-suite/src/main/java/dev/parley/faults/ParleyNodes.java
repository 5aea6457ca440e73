package dev.parley.faults;

import dev.parley.infra.InfraEndpoints;
import dev.parley.testing.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Parley as a deployment runs it, each service a process of its own from its runnable jar: the command
 * side, the projections and two push nodes (so that clients of a killed node have another to go to).
 * The query side is left out: clients read through the push nodes' {@code conversations} and
 * {@code history}, which is all the suite checks.
 */
final class ParleyNodes implements AutoCloseable {

    /** Which of the services a phase kills. */
    enum Role {
        COMMAND_SIDE("command-side", 0),
        PROJECTIONS("projections", 1),
        PUSH_A("websocket-push", 2),
        PUSH_B("websocket-push", 3);

        private final String module;
        private final int portOffset;

        Role(String module, int portOffset) {
            this.module = module;
            this.portOffset = portOffset;
        }
    }

    /**
     * The services carry a few messages a second here, so they do without the optimising compiler and
     * a parallel collector, whose threads would compete for the cores while everything starts at once.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final InfraEndpoints servers;
    private final int portBase;
    private final List<String> settings;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final ServiceProcess[] processes = new ServiceProcess[Role.values().length];

    private final Duration startTimeout;

    /** {@code settings}: {@code --name=value} given to every service; {@code startTimeout}: until each is healthy. */
    ParleyNodes(InfraEndpoints servers, int portBase, List<String> settings, Duration startTimeout) {
        this.servers = servers;
        this.portBase = portBase;
        this.settings = List.copyOf(settings);
        this.startTimeout = startTimeout;
    }

    /**
     * Starts the command side first (it migrates PostgreSQL and creates the topics the others consume),
     * then the others at once; returns when all are healthy.
     */
    void startAll() {
        start(Role.COMMAND_SIDE);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Role role : List.of(Role.PROJECTIONS, Role.PUSH_A, Role.PUSH_B)) {
            starts.add(CompletableFuture.runAsync(() -> start(role)));
        }
        // Every start is waited for, also after one failed, so that none is left running unowned.
        List<Throwable> failures = starts.stream().map(start -> start.handle((done, failure) -> failure).join())
                .filter(java.util.Objects::nonNull).toList();
        if (!failures.isEmpty()) {
            close();
            IllegalStateException failed = new IllegalStateException("the services did not all start", failures.get(0));
            failures.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
    }

    /** Starts one service again (after a kill), on the same port and node id; returns when healthy. */
    void start(Role role) {
        try {
            processes[role.ordinal()] = ServiceProcess.start(role.module, port(role), nodeId(role), JVM_OPTIONS, servers, settings,
                    startTimeout);
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + nodeId(role), e);
        }
    }

    /** SIGKILL, as a crash. */
    void kill(Role role) throws InterruptedException {
        processes[role.ordinal()].kill();
    }

    int port(Role role) {
        return portBase + role.portOffset;
    }

    /** The node id, also the name of its log under the project's {@code target}. */
    String nodeId(Role role) {
        return "faults-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + runId;
    }

    @Override
    public void close() {
        for (ServiceProcess process : processes) {
            if (process != null) {
                try {
                    process.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
