package dev.parley.standalone;

import dev.parley.testing.ServerChecks;
import dev.parley.testing.UsesRealServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The four services composed into one application reach all five servers and report each healthy. */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class StandaloneParleyIT {

    @LocalServerPort
    int port;

    @Test
    void reportsEveryServerHealthyUnderItsOwnName() throws Exception {
        ServerChecks.assertHealthUp(port, "postgres", "kafka", "cassandra", "redis", "s3");
    }
}
