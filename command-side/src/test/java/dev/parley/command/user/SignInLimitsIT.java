package dev.parley.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.UsesRealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Sign-in slowed rather than locked, against the real Redis and PostgreSQL. The test is the gateway: the
 * node trusts 127.0.0.1 as its proxy, so each request's X-Forwarded-For is the client's address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.tomcat.remoteip.internal-proxies=127[.]0[.]0[.]1",
        "parley.auth.sign-in.failures-per-address-burst=" + SignInLimitsIT.PER_ADDRESS,
        "parley.auth.sign-in.failures-per-username-burst=" + SignInLimitsIT.PER_USERNAME,
        "parley.auth.sign-in.concurrent-hashes=1"})
@UsesRealServers
class SignInLimitsIT {

    static final int PER_ADDRESS = 20;
    static final int PER_USERNAME = 8;
    private static final String PASSWORD = "my long password";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;

    record Answer(int status, JsonNode body, String retryAfter) {
    }

    private Answer post(String path, String body, String address) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Answer(response.statusCode(), answer, response.headers().firstValue("Retry-After").orElse(null));
    }

    private Answer signIn(String username, String password, String address) throws Exception {
        return post("/api/sessions", json.writeValueAsString(java.util.Map.of("username", username, "password", password)), address);
    }

    private String registered() throws Exception {
        String username = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Answer created = post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"displayName\":\"Ada\"}", address());
        assertThat(created.status()).isEqualTo(201);
        return username;
    }

    /** An address of the documentation range no other test uses. */
    private static String address() {
        UUID random = UUID.randomUUID();
        return "198.18." + Math.floorMod(random.getMostSignificantBits(), 256) + "." + Math.floorMod(random.getLeastSignificantBits(), 256);
    }

    @Test
    void failuresMakeTheirOwnAddressWaitLongerEachTimeWhileTheUserSignsInFromAnother() throws Exception {
        String username = registered();
        String guesser = address();

        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            guesses.add(signIn(username, "guess " + i, guesser).status());
        }
        Answer waiting = signIn(username, PASSWORD, guesser);
        Answer elsewhere = signIn(username, PASSWORD, address());

        // Three failures are free; the fourth makes the guesser's address wait a second, right password or not.
        assertThat(guesses).containsOnly(401);
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.body().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(waiting.retryAfter()).isEqualTo("1");
        assertThat(waiting.body().path("retryAfterMs").asLong()).isBetween(1L, 1_000L);
        assertThat(elsewhere.status()).isEqualTo(200);
    }

    @Test
    void aCrowdOfAddressesIsSlowedOnOneUsernameButCannotKeepTheUserOutOfAKnownAddress() throws Exception {
        String username = registered();
        String home = address();
        assertThat(signIn(username, PASSWORD, home).status()).isEqualTo(200);

        List<Integer> crowd = new ArrayList<>();
        for (int i = 0; i < PER_USERNAME + 2; i++) {
            crowd.add(signIn(username, "guess " + i, address()).status());
        }
        Answer stranger = signIn(username, PASSWORD, address());
        Answer fromHome = signIn(username, PASSWORD, home);

        assertThat(crowd.subList(0, PER_USERNAME)).containsOnly(401);
        assertThat(crowd.subList(PER_USERNAME, crowd.size())).containsOnly(429);
        assertThat(stranger.status()).isEqualTo(429);
        assertThat(stranger.retryAfter()).isNotNull();
        assertThat(fromHome.status()).isEqualTo(200);
    }

    @Test
    void oneAddressCannotSpreadItsGuessesOverManyUsernames() throws Exception {
        String guesser = address();
        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS; i++) {
            guesses.add(signIn("nobody" + UUID.randomUUID().toString().substring(0, 8), "guess", guesser).status());
        }
        Answer next = signIn("nobody" + UUID.randomUUID().toString().substring(0, 8), "guess", guesser);

        assertThat(guesses).containsOnly(401);
        assertThat(next.status()).isEqualTo(429);
        assertThat(next.retryAfter()).isNotNull();
    }

    @Test
    void aHugeUsernameIsKeptAsAKeyOfFixedSize() throws Exception {
        String huge = "h" + UUID.randomUUID().toString().replace("-", "") + "x".repeat(1_000_000);

        // Refused at the edge (413: past the body limit; 400: past the username's length) or here (401):
        // whichever refuses it, nothing of it is kept.
        assertThat(signIn(huge, "guess", address()).status()).isIn(400, 401, 413);

        Set<String> keys = redis.keys("parley:*sign-in*");
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).hasSizeLessThan(100));
    }

    @Test
    void parallelSignInsPastTheHashingPermitsAreAnsweredAtOnceNotQueued() throws Exception {
        int crowd = 24;
        ExecutorService pool = Executors.newFixedThreadPool(crowd);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < crowd; i++) {
            String name = "nobody" + UUID.randomUUID().toString().substring(0, 8);
            statuses.add(pool.submit(() -> {
                start.await();
                return signIn(name, "guess", address()).status();
            }));
        }
        start.countDown();
        List<Integer> answers = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answers.add(status.get());
        }
        pool.shutdown();
        String username = registered();

        // One hash at a time here: unknown names take a permit like known ones, and the rest are shed with 503.
        assertThat(answers).containsOnly(401, 503).contains(503);
        assertThat(signIn(username, PASSWORD, address()).status()).isEqualTo(200);
    }
}
