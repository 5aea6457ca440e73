package dev.parley.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code export}: pages through {@code GET /admin/events} with {@code afterIndex} until a page comes back
 * short, writing each line to the file as it arrives, with progress on stderr. A failed export says
 * from where to resume; {@code --after-index} resumes it, appending to the file.
 */
final class ExportCommand {

    /** Redraws of the progress line at most this often: a terminal cannot show faster, and it costs. */
    private static final Duration REDRAW_EVERY = Duration.ofMillis(200);

    private final ObjectMapper json = new ObjectMapper();
    private final Arguments arguments;
    private final AdminApi api;
    private final PrintStream err;

    ExportCommand(Arguments arguments, AdminApi api, PrintStream err) {
        this.arguments = arguments;
        this.api = api;
        this.err = err;
    }

    /** Runs the export; returns the global index of the last event written (the given one if none was). */
    long run() throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        ExportProgress progress = new ExportProgress(arguments.from(), arguments.to(), Instant.now());
        long[] lastIndex = {arguments.afterIndex()};
        // Resuming appends to what the interrupted run wrote; a new export starts the file afresh.
        StandardOpenOption mode = arguments.afterIndex() > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (BufferedWriter out = Files.newBufferedWriter(arguments.out(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            try {
                pageAll(out, progress, lastIndex, startNanos);
            } catch (IOException | RuntimeException e) {
                // Closing the file still writes out every whole line received, so the resume point is exact.
                err.println();
                err.println("export stopped after global index " + lastIndex[0] + "; resume with --after-index " + lastIndex[0]);
                throw e;
            }
        }
        err.println("\r" + progress.finished(Duration.ofNanos(System.nanoTime() - startNanos)));
        err.println("wrote " + progress.events() + " events to " + arguments.out() + "; last global index " + lastIndex[0]);
        return lastIndex[0];
    }

    /** Asks for pages after the last event written until one comes back short: then nothing more matched. */
    private void pageAll(BufferedWriter out, ExportProgress progress, long[] lastIndex, long startNanos)
            throws IOException, InterruptedException {
        long[] lastRedraw = {0};
        long pageLines;
        do {
            pageLines = api.events(query(lastIndex[0]), line -> {
                JsonNode event = parse(line);
                write(out, line);
                lastIndex[0] = event.path("globalIndex").asLong();
                progress.written(timestamp(event));
                long now = System.nanoTime();
                if (now - lastRedraw[0] >= REDRAW_EVERY.toNanos()) {
                    lastRedraw[0] = now;
                    err.print("\r" + progress.line(Duration.ofNanos(now - startNanos)));
                }
            });
        } while (pageLines == arguments.pageSize());
    }

    private Map<String, String> query(long afterIndex) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("afterIndex", Long.toString(afterIndex));
        query.put("limit", Integer.toString(arguments.pageSize()));
        if (arguments.aggregate() != null) {
            query.put("aggregateId", arguments.aggregate());
        }
        if (arguments.type() != null) {
            query.put("type", arguments.type());
        }
        if (arguments.from() != null) {
            query.put("from", arguments.from().toString());
        }
        if (arguments.to() != null) {
            query.put("to", arguments.to().toString());
        }
        return query;
    }

    private JsonNode parse(String line) {
        try {
            JsonNode event = json.readTree(line);
            if (!event.path("globalIndex").canConvertToLong()) {
                throw new IOException("no globalIndex");
            }
            return event;
        } catch (IOException e) {
            // A cut connection can end in half a line: it is not written, and the resume point stays before it.
            throw new UncheckedIOException("the server sent a line that is not an event: " + abbreviated(line), e);
        }
    }

    private static void write(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant timestamp(JsonNode event) {
        try {
            return Instant.parse(event.path("timestamp").asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String abbreviated(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
