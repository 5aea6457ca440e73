package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Checks shared by the modules' tests: what a service's health says. */
public final class ServerChecks {

    private ServerChecks() {
    }

    /** Asserts that {@code /actuator/health} lists each component, and each is UP. */
    public static void assertHealthUp(int port, String... components) throws Exception {
        String body = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode health = new ObjectMapper().readTree(body);
        for (String component : components) {
            assertThat(health.path("components").path(component).path("status").asText())
                    .as("health of %s in %s", component, body)
                    .isEqualTo("UP");
        }
    }
}
