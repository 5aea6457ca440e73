package dev.parley.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code replay NAME}: asks the server to rebuild one projection, then polls its state every second and
 * draws a bar until it is no longer replaying. Stopping the tool does not stop the replay.
 */
@Command(name = "replay", description = {"Rebuilds a projection (POST /admin/projections/NAME/replay) and shows its progress"
        + " until it is done. Stopping this tool does not stop the replay."})
final class ReplayCommand implements Callable<Integer> {

    static final Duration POLL_EVERY = Duration.ofSeconds(1);

    @Parameters(paramLabel = "NAME", description = "the projection, e.g. conversations (status lists them)")
    String projection;

    @Mixin
    ServerOptions server;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    ReplayCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        AdminApi api = server.signIn(environment);
        api.replay(projection);
        err.println("replay of " + projection + " started");
        while (true) {
            JsonNode state = find(api.projections());
            String status = state.path("status").asText("?");
            if (!state.path("replaying").asBoolean()) {
                err.println();
                if (status.equals("error")) {
                    throw new ApiError(projection + " is in error after its replay; see the server's log");
                }
                out.println(projection + " replayed; now " + status + " at position " + state.path("position").asText("?"));
                return ParleyAdmin.OK;
            }
            err.print("\r" + line(state));
            Thread.sleep(POLL_EVERY.toMillis());
        }
    }

    /** The progress line of one projection's state, e.g. {@code [####------]  40%  position 123  lag 4}. */
    static String line(JsonNode state) {
        Double progress = state.path("progress").isNumber() ? state.path("progress").asDouble() : null;
        return ProgressBar.of(progress) + "  " + state.path("status").asText("?") + "  position "
                + state.path("position").asText("?") + "  lag " + state.path("lag").asText("?");
    }

    private JsonNode find(JsonNode projections) {
        for (JsonNode state : projections) {
            if (projection.equals(state.path("name").asText())) {
                return state;
            }
        }
        throw new ApiError("the server lists no projection named " + projection);
    }
}
