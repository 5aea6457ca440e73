package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerStartExceptionTest {

    @Test
    void namesTheServerTheLikelyCauseAndTheLogWithItsLastLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("kafka.log");
        Files.writeString(log, "starting\nERROR java.net.BindException: Address already in use\n");

        ServerStartException failure = new ServerStartException("kafka", log, "the process exited with code 1");

        assertThat(failure.getMessage())
                .startsWith("kafka failed to start: the process exited with code 1.")
                .contains("Likely cause: a port it needs is taken by another process")
                .contains("log: " + log)
                .contains("Address already in use");
    }

    @Test
    void saysWhichJavaProblemWhenTheJvmRefusesItsFlags(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("cassandra.log");
        Files.writeString(log, "Unrecognized VM option 'UseConcMarkSweepGC'\nError: Could not create the Java Virtual Machine.\n");

        assertThat(new ServerStartException("cassandra", log, "the process exited with code 1").getMessage())
                .contains("Likely cause: the wrong Java version");
    }

    @Test
    void withoutALogItStillNamesServerAndProblem() {
        assertThat(new ServerStartException("redis", null, "port 16379 is taken").getMessage())
                .isEqualTo("redis failed to start: port 16379 is taken.");
    }
}
