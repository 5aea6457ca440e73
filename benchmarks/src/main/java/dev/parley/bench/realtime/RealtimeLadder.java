package dev.parley.bench.realtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The real-time path under an offered-rate ladder, against a running Parley, over real sockets as a client
 * app would use them: {@code bench/realtime.sh --help}. Users are registered and signed in through the
 * public REST routes, each holds one socket on {@code /ws}, pairs chat in direct conversations with
 * alternating senders, then groups chat. Writes a Markdown table and a PNG plot; see docs/benchmarks.md,
 * "The real-time path: the ladder".
 */
@Command(name = "bench/realtime.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the real-time ladder against a running Parley (start it with ./standalone.sh first): N pairs"
                + " chatting one to one at each offered rate, then a group step. Writes LABEL.md and LABEL.png into the"
                + " output folder. For a local or test deployment only: it registers hundreds of users.", ""})
public final class RealtimeLadder implements Callable<Integer> {

    /** Parley's default send limit per user ({@code parley.push.sends-per-second}). */
    private static final int DEFAULT_SENDS_PER_USER_SECOND = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "Parley's address (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--pairs", defaultValue = "50", description = "users chatting two by two, one socket each (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--rates", split = ",", defaultValue = "50,100,300,500,800,1000,1500",
            description = "offered messages a second, one step each (default: ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--step-seconds", defaultValue = "30", description = "length of each step (default: ${DEFAULT-VALUE})")
    int stepSeconds;

    @Option(names = "--pause-seconds", defaultValue = "10",
            description = "from a step's last send to the next step; covers the grace and lag waits (default: ${DEFAULT-VALUE})")
    int pauseSeconds;

    @Option(names = "--grace-seconds", defaultValue = "5",
            description = "after a step, how long acks and pushes still count before the rest is lost (default: ${DEFAULT-VALUE})")
    int graceSeconds;

    @Option(names = "--lag-wait-seconds", defaultValue = "10",
            description = "after a step, how long to watch the projection lag come back to 0 (default: ${DEFAULT-VALUE})")
    int lagWaitSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "0",
            description = "an unreported step at the first rate before the ladder (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--groups", defaultValue = "3", description = "groups in the group step; 0 skips it (default: ${DEFAULT-VALUE})")
    int groups;

    @Option(names = "--group-size", defaultValue = "100", description = "members of each group, each a user with a socket (default: ${DEFAULT-VALUE})")
    int groupSize;

    @Option(names = "--group-rate", defaultValue = "20", description = "group messages a second, spread over the groups (default: ${DEFAULT-VALUE})")
    int groupRate;

    @Option(names = "--group-seconds", description = "length of the group step (default: the step length)")
    Integer groupSeconds;

    @Option(names = "--out", defaultValue = "docs/benchmarks/realtime", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--label", description = "names the output files LABEL.md and LABEL.png (default: ladder-<UTC date and time>)")
    String label;

    @Option(names = "--admin-username", defaultValue = "admin", description = "admin account, for the projection lag (default: ${DEFAULT-VALUE})")
    String adminUsername;

    @Option(names = "--admin-password", defaultValue = "${env:PARLEY_ADMIN_PASSWORD}",
            description = "its password (default: $PARLEY_ADMIN_PASSWORD, else the file below)")
    String adminPassword;

    @Option(names = "--admin-password-file", defaultValue = "data/secrets/admin-password",
            description = "where the standalone launcher put the admin password (default: ${DEFAULT-VALUE})")
    Path adminPasswordFile;

    @Option(names = "--progress-seconds", defaultValue = "5", description = "a progress line this often (default: ${DEFAULT-VALUE})")
    int progressSeconds;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new RealtimeLadder()).setExecutionExceptionHandler((failure, command, parsed) -> {
            // One line an operator can act on (Parley not running, a refused set-up command), not a stack trace.
            Throwable cause = failure;
            while ((cause instanceof java.util.concurrent.CompletionException
                    || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("[ladder] failed: " + cause.getMessage());
            return 1;
        }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        String runLabel = label != null ? label
                : "ladder-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        String runId = Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ParleyRest rest = new ParleyRest(url, http);
        URI ws = URI.create(url.toString().replaceFirst("^http", "ws")).resolve("/ws");
        warnAboutSendLimit();
        String loadBefore = loadAverage();

        ProjectionLag lag = new ProjectionLag(rest, adminToken(rest));
        CurrentStep current = new CurrentStep();
        Participants participants = new Participants(rest, http, ws, current, runId);
        List<StepResult> results = new ArrayList<>();
        try {
            System.out.printf(Locale.ROOT, "[ladder] run %s against %s: %d pairs, %d groups of %d%n", runId, url, pairs,
                    groups, groupSize);
            List<Participants.DirectPair> directPairs = participants.pair(participants.join("pair", 2 * pairs));
            List<Participants.Group> groupList = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                groupList.add(participants.group("ladder group " + g, participants.join("g" + g + "m", groupSize)));
            }
            participants.awaitGroups(groupList);

            Ladder ladder = new Ladder(current, participants.sockets(), lag, new Ladder.Settings(
                    Duration.ofSeconds(graceSeconds), Duration.ofSeconds(lagWaitSeconds), Duration.ofSeconds(pauseSeconds),
                    progressSeconds));
            String pairsWorkload = pairs + " pairs";
            if (warmupSeconds > 0) {
                ladder.run(StepResult.Kind.DIRECT, pairsWorkload + ", warm-up", rates.get(0), warmupSeconds,
                        n -> direct(directPairs, n));
            }
            for (int rate : rates) {
                results.add(ladder.run(StepResult.Kind.DIRECT, pairsWorkload, rate, stepSeconds, n -> direct(directPairs, n)));
            }
            if (groups > 0) {
                results.add(ladder.run(StepResult.Kind.GROUP, groups + " × " + groupSize, groupRate,
                        groupSeconds != null ? groupSeconds : stepSeconds, n -> group(groupList, n)));
            }
        } finally {
            participants.closeAll();
        }
        report(runLabel, runId, loadBefore, results);
        return 0;
    }

    /** Pair {@code n mod pairs}; its two users take turns, so each sends rate / (2 × pairs) a second. */
    private static Ladder.Route direct(List<Participants.DirectPair> pairs, int n) {
        Participants.DirectPair pair = pairs.get(n % pairs.size());
        boolean fromA = (n / pairs.size()) % 2 == 0;
        return new Ladder.Route(fromA ? pair.a() : pair.b(), pair.conversationId(), 1);
    }

    /** Group {@code n mod groups}; its members take turns, so no one user comes near the send limit. */
    private static Ladder.Route group(List<Participants.Group> groups, int n) {
        Participants.Group group = groups.get(n % groups.size());
        UserSocket sender = group.members().get((n / groups.size()) % group.members().size());
        return new Ladder.Route(sender, group.conversationId(), group.members().size() - 1);
    }

    private void report(String runLabel, String runId, String loadBefore, List<StepResult> results) throws IOException {
        List<String> preamble = List.of(
                String.format(Locale.ROOT, "`bench/realtime.sh` against %s, run %s, %s UTC. %d pairs, one socket per user;"
                                + " steps of %d s, %d s from a step's last send to the next; acks and pushes counted up to %d s"
                                + " after a step.%s", url, runId,
                        LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), pairs,
                        stepSeconds, pauseSeconds, graceSeconds,
                        groups > 0 ? String.format(Locale.ROOT, " Group step: %d group%s of %d members, %d messages a second"
                                + " over them.", groups, groups == 1 ? "" : "s", groupSize, groupRate) : ""),
                "",
                String.format(Locale.ROOT, "Machine: %d cores, Java %s; client, Parley and its servers on it. Load average"
                                + " (1, 5, 15 min) before the set-up: %s: well above 0 means something else was running.",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore));
        Path markdown = out.resolve(runLabel + ".md");
        Path png = out.resolve(runLabel + ".png");
        MarkdownReport.write(markdown, "Real-time ladder: " + runLabel, preamble, results, png.getFileName().toString());
        List<StepResult> ladder = results.stream().filter(r -> r.kind() == StepResult.Kind.DIRECT).toList();
        if (!ladder.isEmpty()) {
            LatencyPlot.write(png, "Parley real-time ladder, " + runLabel + " (" + pairs + " pairs)", ladder);
        }
        System.out.println();
        MarkdownReport.tables(results).forEach(System.out::println);
        System.out.println();
        System.out.println("[ladder] wrote " + markdown + (ladder.isEmpty() ? "" : " and " + png));
    }

    /** The first three fields of /proc/loadavg: a busy machine before the run makes every number suspect. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return String.join(", ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A token for the admin routes, or null (then lag is not reported) when no credentials work. */
    private String adminToken(ParleyRest rest) {
        String password = adminPassword;
        if (password == null || password.isBlank()) {
            try {
                password = Files.readString(adminPasswordFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                System.out.println("[ladder] warning: no admin password (--admin-password, $PARLEY_ADMIN_PASSWORD or "
                        + adminPasswordFile + "): projection lag will not be reported");
                return null;
            }
        }
        try {
            return rest.signIn(adminUsername, password).token();
        } catch (Exception e) {
            System.out.println("[ladder] warning: admin sign-in failed (" + e.getMessage() + "): projection lag will not be reported");
            return null;
        }
    }

    private void warnAboutSendLimit() {
        int highest = rates.stream().mapToInt(Integer::intValue).max().orElse(0);
        double perUser = highest / (2.0 * pairs);
        if (perUser > DEFAULT_SENDS_PER_USER_SECOND) {
            System.out.printf(Locale.ROOT, "[ladder] warning: at %d/s each user sends %.1f a second, over Parley's default"
                    + " limit of %d (parley.push.sends-per-second): expect RATE_LIMITED unless the server allows more;"
                    + " use more --pairs%n", highest, perUser, DEFAULT_SENDS_PER_USER_SECOND);
        }
    }

    private void validate() {
        require(pairs >= 1, "--pairs must be at least 1");
        require(!rates.isEmpty() && rates.stream().allMatch(r -> r >= 1), "--rates must be positive");
        require(stepSeconds >= 1 && pauseSeconds >= 0 && graceSeconds >= 0 && lagWaitSeconds >= 0 && warmupSeconds >= 0,
                "durations must not be negative, steps at least 1 s");
        require(groups >= 0 && (groups == 0 || groupSize >= 2 && groupRate >= 1), "--group-size at least 2, --group-rate at least 1");
        require(groupSeconds == null || groupSeconds >= 1, "--group-seconds must be at least 1");
        require(progressSeconds >= 1, "--progress-seconds must be at least 1");
        require(rates.stream().allMatch(r -> (long) r * stepSeconds <= Integer.MAX_VALUE / 2), "a step of that many messages is too long");
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
