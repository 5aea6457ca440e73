package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ServerSupervisorTest {

    @Test
    void theDelayStartsAtTheFirstAndDoublesUpToTheLongest() {
        ServerSupervisor supervisor = new ServerSupervisor(null, new InfraSettings.Restarts(true, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(60)), null, new PrintStream(OutputStream.nullOutputStream()));

        assertThat(IntStream.rangeClosed(1, 8).mapToObj(supervisor::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }
}
