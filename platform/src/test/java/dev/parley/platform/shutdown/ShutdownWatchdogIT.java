package dev.parley.platform.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service whose stop hangs still ends within parley.shutdown.timeout of a SIGTERM, its child killed. */
class ShutdownWatchdogIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** The bound plus a margin for a machine busy with other builds: a contract, not a speed. */
    private static final Duration BOUND = TIMEOUT.plusSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aStopThatHangsIsCutAtItsTimeoutNamingTheBusyThreadAndKillingTheChild() throws Exception {
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HangingStopApplication.class.getName(),
                "--parley.shutdown.timeout=" + TIMEOUT.toSeconds() + "s")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).failFast(() -> !service.isAlive())
                    .until(() -> Files.readString(out).contains("ready, child "));
            Matcher child = Pattern.compile("ready, child (\\d+)").matcher(Files.readString(out));
            assertThat(child.find()).isTrue();
            long childPid = Long.parseLong(child.group(1));

            service.destroy();

            assertThat(service.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("exits within %s", BOUND).isTrue();
            assertThat(service.exitValue()).isEqualTo(ShutdownWatchdog.HALTED_STATUS);
            assertThat(Files.readString(err))
                    .contains("[parley] shutdown: not finished after 3 s (parley.shutdown.timeout)")
                    .contains("still busy: thread 'SpringApplicationShutdownHook'")
                    .contains("in dev.parley.platform.shutdown.HangingStopApplication");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    ProcessHandle.of(childPid).map(handle -> !handle.isAlive()).orElse(true));
        } finally {
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroyForcibly();
        }
    }
}
