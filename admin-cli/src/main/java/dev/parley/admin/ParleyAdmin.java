package dev.parley.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** {@code parley-admin}: event export and projection replay for analysts and operators without the admin UI. */
public final class ParleyAdmin {

    static final int OK = 0;
    /** The server refused, could not be reached, or the work failed. */
    static final int FAILED = 1;
    /** The command line was wrong; nothing was sent. */
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: parley-admin.sh COMMAND [options]

            commands:
              export   --out FILE [--aggregate ID] [--type TYPE] [--from ISO] [--to ISO]
                       [--after-index N] [--page-size N]
                       writes the event history (GET /admin/events) to FILE as NDJSON, one event a
                       line in global order; --from is inclusive, --to exclusive (e.g.
                       2026-11-28T09:00:00Z); --after-index N resumes after that global index and
                       appends to FILE; pages of --page-size events (1 to 10000, default 10000)
              replay NAME
                       rebuilds a projection (POST /admin/projections/NAME/replay) and shows its
                       progress until it is done; stopping this tool does not stop the replay
              status   lists the projections: status, position, lag, replay progress

            every command:
              --url URL              Parley's address (default http://localhost:8080)
              --token TOKEN          an admin's token (or set PARLEY_TOKEN), or sign in with
              --username NAME --password PASSWORD   (or set PARLEY_PASSWORD)
              --help                 this text

            exit status: 0 done, 1 refused or failed (the server's reason is shown), 2 bad command line
            """;

    private ParleyAdmin() {
    }

    /** A failure in words: some I/O exceptions carry only a path, or nothing. */
    static String describe(Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (cause instanceof java.nio.file.AccessDeniedException denied) {
            return "not allowed to write " + denied.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command line; returns the exit status. Output goes to {@code out}, progress and errors to {@code err}. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (Arguments.wantsHelp(args)) {
            out.print(USAGE_TEXT);
            return OK;
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, environment);
        } catch (UsageError e) {
            err.println("parley-admin: " + e.getMessage());
            err.println("try --help");
            return USAGE;
        }
        try {
            AdminApi api = new AdminApi(arguments.url(), arguments.token());
            if (arguments.token() == null) {
                api.signIn(arguments.username(), arguments.password());
            }
            switch (arguments.command()) {
                case "export" -> new ExportCommand(arguments, api, err).run();
                case "replay" -> new ReplayCommand(arguments.projection(), api, out, err).run();
                case "status" -> out.print(ProjectionTable.of(api.projections()));
                default -> throw new IllegalStateException("unhandled command " + arguments.command());
            }
            return OK;
        } catch (ApiError | IOException | java.io.UncheckedIOException e) {
            err.println("parley-admin: " + describe(e));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("parley-admin: interrupted");
            return FAILED;
        }
    }
}
