package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ArgumentsTest {

    record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ParleyAdmin.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** The command object picocli filled in from {@code args}, without running it. */
    @SuppressWarnings("unchecked")
    private static <T> T parse(String... args) {
        CommandLine.ParseResult parsed = ParleyAdmin.commandLine(Map.of(), System.out, System.err).parseArgs(args);
        return (T) parsed.subcommand().commandSpec().userObject();
    }

    /** The line is refused with status 2, before anything is sent; returns what the tool said. */
    private static String usageError(String... args) {
        Run run = run(args);
        assertThat(run.status()).as(run.err()).isEqualTo(ParleyAdmin.USAGE);
        assertThat(run.err()).startsWith("parley-admin: ").contains("--help");
        return run.err();
    }

    @Test
    void anExportTakesItsFiltersAndPagesAtTheServersMaximumByDefault() {
        ExportCommand export = parse("export", "--url", "http://parley.example:9090/", "--token", "t", "--aggregate", "g:1",
                "--type", "MessageSent", "--from", "2026-11-28T09:00:00Z", "--to=2026-11-29T09:00:00Z", "--out", "events.ndjson");

        assertThat(export.server.url).isEqualTo(URI.create("http://parley.example:9090"));
        assertThat(export.server.token).isEqualTo("t");
        assertThat(export.aggregate).isEqualTo("g:1");
        assertThat(export.type).isEqualTo("MessageSent");
        assertThat(export.from).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(export.to).isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
        assertThat(export.out).isEqualTo(Path.of("events.ndjson"));
        assertThat(export.afterIndex).isZero();
        assertThat(export.pageSize).isEqualTo(ExportCommand.MAX_PAGE_SIZE);
    }

    @Test
    void theUrlDefaultsToTheStandaloneLaunchersAndAReplayNamesItsProjection() {
        StatusCommand status = parse("status", "--username", "ada");
        ReplayCommand replay = parse("replay", "conversations");

        assertThat(status.server.url).isEqualTo(URI.create(ServerOptions.DEFAULT_URL));
        assertThat(status.server.username).isEqualTo("ada");
        assertThat(replay.projection).isEqualTo("conversations");
    }

    @Test
    void secretsMayComeFromTheEnvironment() throws IOException {
        List<String> signIns = new CopyOnWriteArrayList<>();
        List<String> bearers = new CopyOnWriteArrayList<>();
        HttpServer parley = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        parley.createContext("/api/sessions", exchange -> {
            signIns.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, "{\"token\":\"signed-in\"}");
        });
        parley.createContext("/admin/projections", exchange -> {
            bearers.add(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, "{\"projections\":[]}");
        });
        parley.start();
        try {
            String url = "http://127.0.0.1:" + parley.getAddress().getPort();

            Run withPassword = run(Map.of("PARLEY_PASSWORD", "secret"), "status", "--url", url, "--username", "ada");
            Run withToken = run(Map.of("PARLEY_TOKEN", "from-env"), "status", "--url", url);

            assertThat(withPassword.status()).as(withPassword.err()).isEqualTo(ParleyAdmin.OK);
            assertThat(withToken.status()).as(withToken.err()).isEqualTo(ParleyAdmin.OK);
            assertThat(signIns).singleElement().asString().contains("\"username\":\"ada\"").contains("\"password\":\"secret\"");
            assertThat(bearers).containsExactly("Bearer signed-in", "Bearer from-env");
        } finally {
            parley.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void aWrongLineIsAUsageErrorThatSaysWhatIsWrong() {
        assertThat(usageError("purge", "--token", "t")).contains("unknown command 'purge'");
        assertThat(usageError("status")).contains("--token");
        assertThat(usageError("status", "--token", "t", "--username", "ada", "--password", "p")).contains("not both");
        assertThat(usageError("status", "--username", "ada")).contains("--password");
        assertThat(usageError("export", "--token", "t")).contains("--out");
        assertThat(usageError("export", "--token", "t", "--out", "f", "--from", "yesterday"))
                .contains("'--from': 'yesterday' is not an ISO-8601 instant");
        assertThat(usageError("export", "--token", "t", "--out", "f", "--from", "2026-01-02T00:00:00Z",
                "--to", "2026-01-01T00:00:00Z")).contains("before");
        assertThat(usageError("export", "--token", "t", "--out", "f", "--page-size", "10001"))
                .contains("--page-size must be a whole number from 1 to 10000");
        assertThat(usageError("export", "--token", "t", "--out", "f", "--after-index", "-1")).contains("--after-index");
        assertThat(usageError("replay", "--token", "t")).contains("'NAME'");
        assertThat(usageError("status", "--token", "t", "--out", "f")).contains("Unknown options: '--out'");
        assertThat(usageError("status", "--token", "t", "--colour", "red")).contains("Unknown options: '--colour'");
        assertThat(usageError("status", "--token")).contains("option '--token'");
        assertThat(usageError("status", "--token", "t", "--url", "parley:8080")).contains("--url");
    }

    @Test
    void helpIsAskedForAnywhereOnTheLineOrByNothingAtAll() {
        for (String[] line : List.of(new String[0], new String[] {"--help"}, new String[] {"help"},
                new String[] {"export", "--help"}, new String[] {"replay", "-h"}, new String[] {"help", "status"})) {
            Run help = run(line);

            assertThat(help.status()).as(String.join(" ", line)).isEqualTo(ParleyAdmin.OK);
            assertThat(help.out()).as(String.join(" ", line)).startsWith("usage: parley-admin.sh");
        }
        assertThat(run("export", "--help").out()).contains("--out=FILE", "--page-size=N", "--token=TOKEN", "PARLEY_PASSWORD");
    }

    @Test
    void theExitStatusSaysWhetherTheLineWasWrong() {
        Run usage = run("export", "--token", "t");
        Run help = run("--help");

        assertThat(usage.status()).isEqualTo(ParleyAdmin.USAGE);
        assertThat(usage.err()).contains("Missing required option: '--out=FILE'");
        assertThat(help.status()).isEqualTo(ParleyAdmin.OK);
        assertThat(help.out()).contains("usage: parley-admin.sh");
    }
}
