package dev.parley.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the embedded servers' processes are found from outside the process that started them: the pid
 * file each keeps under its data folder, and a process's command line (to tell a live server from a
 * recycled pid, and to find what a server forked).
 */
final class ServerPids {

    private ServerPids() {
    }

    /** The pid file of {@code server} under the servers' data folder. */
    static Path pidFile(Path dataDir, Fault server) {
        return switch (server) {
            // PostgreSQL keeps its own pid file in its data directory.
            case POSTGRES -> dataDir.resolve("postgres/data/postmaster.pid");
            case S3 -> dataDir.resolve("s3/s3proxy.pid");
            case KAFKA, CASSANDRA, REDIS -> dataDir.resolve(server.label()).resolve(server.label() + ".pid");
            default -> throw new IllegalArgumentException(server + " is not a server");
        };
    }

    /** The pid its first line names; empty while the file is missing or being rewritten by a restart. */
    static Optional<Long> readPid(Path pidFile) {
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).filter(line -> !line.isEmpty()).map(Long::parseLong);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The process's command line, its arguments joined by spaces; empty once it is gone. */
    static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return process.info().commandLine().orElse("");
        }
    }
}
