package dev.parley.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code status}: the projections as a table. */
@Command(name = "status", description = "Lists the projections: status, position, lag, replay progress.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    private final Map<String, String> environment;
    private final PrintStream out;

    StatusCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        out.print(ProjectionTable.of(server.signIn(environment).projections()));
        return ParleyAdmin.OK;
    }
}
