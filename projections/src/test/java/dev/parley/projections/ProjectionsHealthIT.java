package dev.parley.projections;

import dev.parley.testing.ServerChecks;
import dev.parley.testing.UsesRealServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The projections service starts against the real servers and reports each one it uses as up on its health route, the
 * route a load balancer or an operator asks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class ProjectionsHealthIT {

    @LocalServerPort
    int port;

    @Test
    void reportsEveryServerItUsesAsUp() throws Exception {
        ServerChecks.assertHealthUp(port, "cassandra", "redis", "kafka");
    }
}
