package dev.parley.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code export}: pages through {@code GET /admin/events} with {@code afterIndex} until a page comes back
 * short, writing each line to the file as it arrives, with progress on stderr. A failed export says
 * from where to resume; {@code --after-index} resumes it, appending to the file.
 */
@Command(name = "export", sortOptions = false,
        description = {"Writes the event history (GET /admin/events) to FILE as NDJSON, one event a line in global order.",
                "--from is inclusive, --to exclusive. A stopped export names the last global index written;"
                        + " --after-index resumes after it, appending to FILE."})
final class ExportCommand implements Callable<Integer> {

    /** The most events the server answers in one request (its own maximum); the tool pages with these. */
    static final int MAX_PAGE_SIZE = 10_000;
    /** Redraws of the progress line at most this often: a terminal cannot show faster, and it costs. */
    private static final Duration REDRAW_EVERY = Duration.ofMillis(200);

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the file to write")
    Path out;

    @Option(names = "--aggregate", paramLabel = "ID", description = "only this aggregate's events")
    String aggregate;

    @Option(names = "--type", paramLabel = "TYPE", description = "only events of this type, e.g. MessageSent")
    String type;

    @Option(names = "--from", paramLabel = "ISO", converter = IsoInstant.class,
            description = "only events stored at or after this instant, e.g. 2026-11-28T09:00:00Z")
    Instant from;

    @Option(names = "--to", paramLabel = "ISO", converter = IsoInstant.class, description = "only events stored before this instant")
    Instant to;

    @Option(names = "--after-index", paramLabel = "N", defaultValue = "0",
            description = "resumes after this global index, appending to FILE")
    long afterIndex;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "" + MAX_PAGE_SIZE,
            description = "events a request, 1 to " + MAX_PAGE_SIZE + " (default ${DEFAULT-VALUE})")
    int pageSize;

    @Mixin
    ServerOptions server;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> environment;
    private final PrintStream err;

    ExportCommand(Map<String, String> environment, PrintStream err) {
        this.environment = environment;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (from != null && to != null && !from.isBefore(to)) {
            throw server.usageError("--from must be before --to");
        }
        if (afterIndex < 0) {
            throw server.usageError("--after-index must be a whole number from 0 to " + Long.MAX_VALUE);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw server.usageError("--page-size must be a whole number from 1 to " + MAX_PAGE_SIZE);
        }
        export(server.signIn(environment));
        return ParleyAdmin.OK;
    }

    private void export(AdminApi api) throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        ExportProgress progress = new ExportProgress(from, to, Instant.now());
        long[] lastIndex = {afterIndex};
        // Resuming appends to what the interrupted run wrote; a new export starts the file afresh.
        StandardOpenOption mode = afterIndex > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (BufferedWriter file = Files.newBufferedWriter(out, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            try {
                pageAll(api, file, progress, lastIndex, startNanos);
            } catch (IOException | RuntimeException e) {
                // Closing the file still writes out every whole line received, so the resume point is exact.
                err.println();
                err.println("export stopped after global index " + lastIndex[0] + "; resume with --after-index " + lastIndex[0]);
                throw e;
            }
        }
        err.println("\r" + progress.finished(Duration.ofNanos(System.nanoTime() - startNanos)));
        err.println("wrote " + progress.events() + " events to " + out + "; last global index " + lastIndex[0]);
    }

    /** Asks for pages after the last event written until one comes back short: then nothing more matched. */
    private void pageAll(AdminApi api, BufferedWriter file, ExportProgress progress, long[] lastIndex, long startNanos)
            throws IOException, InterruptedException {
        long[] lastRedraw = {0};
        long pageLines;
        do {
            pageLines = api.events(query(lastIndex[0]), line -> {
                JsonNode event = parse(line);
                write(file, line);
                lastIndex[0] = event.path("globalIndex").asLong();
                progress.written(timestamp(event));
                long now = System.nanoTime();
                if (now - lastRedraw[0] >= REDRAW_EVERY.toNanos()) {
                    lastRedraw[0] = now;
                    err.print("\r" + progress.line(Duration.ofNanos(now - startNanos)));
                }
            });
        } while (pageLines == pageSize);
    }

    private Map<String, String> query(long after) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("afterIndex", Long.toString(after));
        query.put("limit", Integer.toString(pageSize));
        if (aggregate != null) {
            query.put("aggregateId", aggregate);
        }
        if (type != null) {
            query.put("type", type);
        }
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
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

    /** An ISO-8601 instant, with an example in the error, since "2026-11-28" alone is not one. */
    static final class IsoInstant implements ITypeConverter<Instant> {

        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant, e.g. 2026-11-28T09:00:00Z");
            }
        }
    }
}
