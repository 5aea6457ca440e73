package dev.parley.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A server did not start: says which, why (as far as its log tells), and where its log is. */
public final class ServerStartException extends Exception {

    private static final int TAIL_LINES = 20;

    /** Log phrases and what they usually mean, first match wins. */
    private static final List<String[]> LIKELY_CAUSES = List.of(
            new String[] {"address already in use", "a port it needs is taken by another process"},
            new String[] {"bindexception", "a port it needs is taken by another process"},
            new String[] {"no space left on device", "the disk holding the data folder is full"},
            new String[] {"unsupportedclassversionerror", "the wrong Java version (Cassandra needs 11 or 17)"},
            new String[] {"unrecognized vm option", "the wrong Java version for its JVM flags"},
            new String[] {"could not create the java virtual machine", "the wrong Java version or bad JVM flags"},
            new String[] {"outofmemoryerror", "too little memory for its heap"},
            new String[] {"permission denied", "no permission to write the data folder"},
            new String[] {"lock file", "another server already uses the same data folder"});

    private final String server;
    private final Path logFile;

    public ServerStartException(String server, Path logFile, String problem) {
        super(describe(server, logFile, problem));
        this.server = server;
        this.logFile = logFile;
    }

    public String server() {
        return server;
    }

    public Path logFile() {
        return logFile;
    }

    private static String describe(String server, Path logFile, String problem) {
        StringBuilder text = new StringBuilder(server).append(" failed to start: ").append(problem).append('.');
        if (logFile == null) {
            return text.toString();
        }
        List<String> tail = tail(logFile);
        String lower = String.join("\n", tail).toLowerCase(Locale.ROOT);
        for (String[] cause : LIKELY_CAUSES) {
            if (lower.contains(cause[0])) {
                text.append(" Likely cause: ").append(cause[1]).append('.');
                break;
            }
        }
        text.append("\n  log: ").append(logFile);
        if (!tail.isEmpty()) {
            text.append("\n  last lines:");
            tail.forEach(line -> text.append("\n    ").append(line));
        }
        return text.toString();
    }

    private static List<String> tail(Path logFile) {
        if (!Files.isRegularFile(logFile)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 16_384);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        } catch (IOException e) {
            return List.of("(could not read the log: " + e.getMessage() + ")");
        }
    }
}
