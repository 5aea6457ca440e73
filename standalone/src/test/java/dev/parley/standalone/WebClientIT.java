package dev.parley.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.UsesRealServers;
import dev.parley.testing.WebClientChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code ./standalone.sh}, then http://localhost:8080/: the standalone serves the web app, and the page may
 * show the media its messages carry (their URLs point to the embedded store, which its policy names).
 */
@SpringBootTest(classes = StandaloneParley.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class WebClientIT {

    @LocalServerPort
    int port;

    @Value("${parley.s3.endpoint}")
    URI mediaStore;

    @Test
    void servesThePageAndItsModulesWithoutATokenAndKeepsTheApiBehindOne() throws Exception {
        WebClientChecks.assertServesWebClient(port);
    }

    @Test
    void thePagesPolicyAllowsMediaFromTheStoreItsUrlsPointTo() throws Exception {
        HttpResponse<Void> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String store = mediaStore.getScheme() + "://" + mediaStore.getHost() + ":" + mediaStore.getPort();
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("img-src 'self' blob: " + store + ";", "connect-src 'self' " + store + ";"));
    }
}
