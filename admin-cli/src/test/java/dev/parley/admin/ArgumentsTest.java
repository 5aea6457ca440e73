package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static Arguments parse(Map<String, String> environment, String... args) {
        return Arguments.parse(args, environment);
    }

    private static Arguments parse(String... args) {
        return parse(Map.of(), args);
    }

    @Test
    void anExportTakesItsFiltersAndPagesAtTheServersMaximumByDefault() {
        Arguments export = parse("export", "--url", "http://parley.example:9090/", "--token", "t", "--aggregate", "g:1",
                "--type", "MessageSent", "--from", "2026-11-28T09:00:00Z", "--to=2026-11-29T09:00:00Z", "--out", "events.ndjson");

        assertThat(export.command()).isEqualTo("export");
        assertThat(export.url()).isEqualTo(URI.create("http://parley.example:9090"));
        assertThat(export.token()).isEqualTo("t");
        assertThat(export.aggregate()).isEqualTo("g:1");
        assertThat(export.type()).isEqualTo("MessageSent");
        assertThat(export.from()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(export.to()).isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
        assertThat(export.out()).isEqualTo(Path.of("events.ndjson"));
        assertThat(export.afterIndex()).isZero();
        assertThat(export.pageSize()).isEqualTo(Arguments.MAX_PAGE_SIZE);
    }

    @Test
    void theUrlDefaultsToTheStandaloneLaunchersAndSecretsMayComeFromTheEnvironment() {
        Arguments status = parse(Map.of("PARLEY_PASSWORD", "secret"), "status", "--username", "ada");
        Arguments replay = parse(Map.of("PARLEY_TOKEN", "from-env"), "replay", "conversations");

        assertThat(status.url()).isEqualTo(URI.create(Arguments.DEFAULT_URL));
        assertThat(status.username()).isEqualTo("ada");
        assertThat(status.password()).isEqualTo("secret");
        assertThat(replay.projection()).isEqualTo("conversations");
        assertThat(replay.token()).isEqualTo("from-env");
    }

    @Test
    void aWrongLineIsAUsageErrorThatSaysWhatIsWrong() {
        assertThatThrownBy(() -> parse("purge", "--token", "t")).hasMessageContaining("unknown command 'purge'");
        assertThatThrownBy(() -> parse("status")).hasMessageContaining("--token");
        assertThatThrownBy(() -> parse("status", "--token", "t", "--username", "ada", "--password", "p"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> parse("status", "--username", "ada")).hasMessageContaining("--password");
        assertThatThrownBy(() -> parse("export", "--token", "t")).hasMessageContaining("--out");
        assertThatThrownBy(() -> parse("export", "--token", "t", "--out", "f", "--from", "yesterday"))
                .hasMessageContaining("--from must be an ISO-8601 instant");
        assertThatThrownBy(() -> parse("export", "--token", "t", "--out", "f", "--from", "2026-01-02T00:00:00Z",
                "--to", "2026-01-01T00:00:00Z")).hasMessageContaining("before");
        assertThatThrownBy(() -> parse("export", "--token", "t", "--out", "f", "--page-size", "10001"))
                .hasMessageContaining("--page-size must be a whole number from 1 to 10000");
        assertThatThrownBy(() -> parse("export", "--token", "t", "--out", "f", "--after-index", "-1"))
                .hasMessageContaining("--after-index");
        assertThatThrownBy(() -> parse("replay", "--token", "t")).hasMessageContaining("one projection name");
        assertThatThrownBy(() -> parse("status", "--token", "t", "--out", "f")).hasMessageContaining("export only");
        assertThatThrownBy(() -> parse("status", "--token", "t", "--colour", "red")).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> parse("status", "--token")).hasMessageContaining("--token needs a value");
        assertThatThrownBy(() -> parse("status", "--token", "t", "--url", "parley:8080")).hasMessageContaining("--url");
    }

    @Test
    void helpIsAskedForAnywhereOnTheLineOrByNothingAtAll() {
        assertThat(Arguments.wantsHelp(new String[0])).isTrue();
        assertThat(Arguments.wantsHelp(new String[]{"export", "--help"})).isTrue();
        assertThat(Arguments.wantsHelp(new String[]{"help"})).isTrue();
        assertThat(Arguments.wantsHelp(new String[]{"status", "--token", "t"})).isFalse();
    }

    @Test
    void theExitStatusSaysWhetherTheLineWasWrong() {
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();

        int usage = ParleyAdmin.run(new String[]{"export", "--token", "t"}, Map.of(), new java.io.PrintStream(out),
                new java.io.PrintStream(err));
        int help = ParleyAdmin.run(new String[]{"--help"}, Map.of(), new java.io.PrintStream(out), new java.io.PrintStream(err));

        assertThat(usage).isEqualTo(ParleyAdmin.USAGE);
        assertThat(err.toString()).contains("export needs --out FILE");
        assertThat(help).isEqualTo(ParleyAdmin.OK);
        assertThat(out.toString()).contains("usage: parley-admin.sh");
    }
}
