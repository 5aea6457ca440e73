package dev.parley.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code parley-admin}: event export and projection replay for analysts and operators without the admin UI.
 * The layout of the help (scope INHERIT) is the same for every command.
 */
@Command(name = "parley-admin.sh", scope = ScopeType.INHERIT, sortOptions = false, sortSynopsis = false,
        synopsisHeading = "usage: ", descriptionHeading = "%n", parameterListHeading = "%n", optionListHeading = "%n",
        commandListHeading = "%ncommands (parley-admin.sh COMMAND --help shows its options):%n",
        exitCodeListHeading = "%nexit status:%n",
        exitCodeList = {"0:done", "1:refused or failed (the server's reason is shown)", "2:bad command line; nothing was sent"},
        description = "Exports Parley's event history and replays its projections, over its admin routes.")
public final class ParleyAdmin implements Runnable {

    static final int OK = 0;
    /** The server refused, could not be reached, or the work failed. */
    static final int FAILED = 1;
    /** The command line was wrong; nothing was sent. */
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    private ParleyAdmin() {
    }

    /** No command: the usage, as for {@code --help}. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command line; returns the exit status. Output goes to {@code out}, progress and errors to {@code err}. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandLine commandLine = commandLine(environment, out, err);
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /** The commands, reading secrets from {@code environment} and writing to {@code out} and {@code err}. */
    static CommandLine commandLine(Map<String, String> environment, PrintStream out, PrintStream err) {
        // Set after the subcommands are added: picocli hands these settings down only to the ones it already has.
        return new CommandLine(new ParleyAdmin())
                .addSubcommand(new ExportCommand(environment, err))
                .addSubcommand(new ReplayCommand(environment, out, err))
                .addSubcommand(new StatusCommand(environment, out))
                .addSubcommand(new HelpCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler(ParleyAdmin::usageError)
                .setExecutionExceptionHandler(ParleyAdmin::failure);
    }

    /** A wrong command line, found by picocli or by a command's own checks: what is wrong, and where help is. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("parley-admin: " + message(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("try " + commandLine.getCommandSpec().qualifiedName() + " --help");
        return USAGE;
    }

    /** picocli's words, except for a first word that is no command, which picocli calls "unmatched arguments". */
    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && e.getCommandLine().getParent() == null
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "': one of "
                    + String.join(", ", e.getCommandLine().getSubcommands().keySet());
        }
        return e.getMessage();
    }

    /** The server's refusal or an I/O failure, in one line; anything else is a bug and keeps its stack trace. */
    private static int failure(Exception e, CommandLine commandLine, ParseResult parsed) throws Exception {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            commandLine.getErr().println("parley-admin: interrupted");
            return FAILED;
        }
        if (e instanceof ApiError || e instanceof IOException || e instanceof UncheckedIOException) {
            commandLine.getErr().println("parley-admin: " + describe(e));
            return FAILED;
        }
        throw e;
    }

    /** A failure in words: some I/O exceptions carry only a path, or nothing. */
    static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (cause instanceof java.nio.file.AccessDeniedException denied) {
            return "not allowed to write " + denied.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
