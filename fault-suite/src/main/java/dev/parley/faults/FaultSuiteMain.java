package dev.parley.faults;

import dev.parley.infra.InfraSettings;
import dev.parley.infra.Infrastructure;
import dev.parley.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault suite's full form, for a user (bench/faults.sh): starts servers of its own (data under
 * {@code target/fault-suite/infra}, ports from {@code parley.faults.port-base} + 10) and Parley's services
 * on them, runs every phase with longer traffic (the {@code everything} phase last, on a standalone of its
 * own: {@link StandaloneCrash}), prints the Markdown table and writes it to
 * {@code target/fault-suite/report.md}. Arguments are {@code --parley.faults.<name>=<value>}.
 * Exits 1 when a fault's check failed.
 */
public final class FaultSuiteMain {

    private FaultSuiteMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        options.put(SuiteSettings.PREFIX + "form", "full");
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --parley.faults.<name>=<value>, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        SuiteSettings settings = SuiteSettings.from(options::get);
        Path folder = RealServers.projectRoot().resolve("target/fault-suite");
        InfraSettings servers = InfraSettings.from(serverSettings(folder.resolve("infra"), settings.portBase() + 10)::get);
        List<PhaseResult> results = new ArrayList<>();
        // The everything phase runs a standalone of its own, after the others and their servers stopped.
        List<Fault> separateProcesses = settings.faults().stream().filter(fault -> fault != Fault.EVERYTHING).toList();
        if (!separateProcesses.isEmpty()) {
            try (Infrastructure infrastructure = Infrastructure.start(servers, System.out);
                 FaultSuite suite = new FaultSuite(settings.withFaults(separateProcesses), infrastructure.endpoints(),
                         servers.dataDir(), FaultSuite.serverPorts(infrastructure.endpoints()), System.out)) {
                results.addAll(suite.run());
            }
        }
        if (settings.faults().contains(Fault.EVERYTHING)) {
            try (StandaloneCrash crash = new StandaloneCrash(settings, folder.resolve("standalone"), System.out)) {
                results.add(crash.run());
            }
        }
        String table = FaultReport.table(results);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.md"), table + "\n" + FaultReport.problems(results));
        System.out.println();
        System.out.println(table);
        System.out.print(FaultReport.problems(results));
        System.out.println("[faults] report written to " + folder.resolve("report.md"));
        System.exit(results.stream().allMatch(PhaseResult::passed) ? 0 : 1);
    }

    /** The servers as the standalone runs them (durable PostgreSQL), on ports of the suite's own. */
    private static Map<String, String> serverSettings(Path dataDir, int firstPort) {
        String p = InfraSettings.PREFIX;
        return Map.ofEntries(
                Map.entry(p + "data-dir", dataDir.toString()),
                Map.entry(p + "postgres.port", String.valueOf(firstPort)),
                Map.entry(p + "kafka.port", String.valueOf(firstPort + 1)),
                Map.entry(p + "kafka.controller-port", String.valueOf(firstPort + 2)),
                Map.entry(p + "cassandra.port", String.valueOf(firstPort + 3)),
                Map.entry(p + "cassandra.storage-port", String.valueOf(firstPort + 4)),
                Map.entry(p + "redis.port", String.valueOf(firstPort + 5)),
                Map.entry(p + "s3.port", String.valueOf(firstPort + 6)),
                Map.entry(p + "s3.access-key", "parley-fault-suite"),
                Map.entry(p + "s3.secret-key", "parley-fault-suite-secret"));
    }
}
