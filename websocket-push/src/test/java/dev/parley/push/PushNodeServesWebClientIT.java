package dev.parley.push;

import dev.parley.testing.UsesRealServers;
import dev.parley.testing.WebClientChecks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A push node serves the web app at {@code /}, the node a browser reaches for {@code /ws} anyway (and the one
 * docker-compose.yml's gateway sends {@code /} to): the page and its modules without a token, the API behind
 * one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class PushNodeServesWebClientIT {

    @LocalServerPort
    int port;

    @Test
    void servesThePageAndItsModulesWithoutATokenAndKeepsTheApiBehindOne() throws Exception {
        WebClientChecks.assertServesWebClient(port);
    }
}
