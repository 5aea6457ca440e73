package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @Test
    void stopsALeftoverProcessWhoseCommandLineNamesTheDataFolder(@TempDir Path dir) throws Exception {
        Process leftover = new ProcessBuilder("sh", "-c", "sleep 300 # " + dir).start();
        Path pidFile = dir.resolve("server.pid");
        Files.writeString(pidFile, Long.toString(leftover.pid()));

        var stopped = ChildProcess.stopLeftover(pidFile, dir.toString(), Duration.ofSeconds(5));

        assertThat(stopped).contains(leftover.pid());
        assertThat(leftover.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void leavesAloneAProcessThatMerelyReusedThePid(@TempDir Path dir) throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        try {
            Path pidFile = dir.resolve("server.pid");
            Files.writeString(pidFile, Long.toString(unrelated.pid()));

            var stopped = ChildProcess.stopLeftover(pidFile, dir.toString(), Duration.ofSeconds(5));

            assertThat(stopped).isEmpty();
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aPortInUseIsReportedWithTheSettingThatMovesIt() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var failure = org.assertj.core.api.Assertions.catchThrowableOfType(ServerStartException.class,
                    () -> ChildProcess.requireFreePort("redis", "redis.port", taken.getLocalPort()));

            assertThat(failure.getMessage())
                    .contains("redis failed to start")
                    .contains("port " + taken.getLocalPort())
                    .contains("parley.infra.redis.port");
        }
    }
}
