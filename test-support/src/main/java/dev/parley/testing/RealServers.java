package dev.parley.testing;

import dev.parley.infra.InfraEndpoints;
import dev.parley.infra.InfraSettings;
import dev.parley.infra.SharedServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points an application context at the build's shared real servers, starting them on first use. The
 * test servers listen on their own ports and keep their data under {@code target/test-infra} of the
 * project root, so a standalone Parley can run beside a test run.
 */
public final class RealServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static InfraEndpoints endpoints;

    /** Starts the servers if this build has not yet, and says how to reach them. */
    public static synchronized InfraEndpoints endpoints() {
        if (endpoints == null) {
            endpoints = SharedServers.ensureRunning(testSettings());
        }
        return endpoints;
    }

    /** Signs the tokens of test runs only. */
    public static final String TEST_JWT_SECRET = "parley-tests-only-secret-0123456789abcdef";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new java.util.HashMap<>(endpoints().springProperties());
        properties.put("parley.auth.jwt-secret", TEST_JWT_SECRET);
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("parley-real-servers", properties));
        context.getEnvironment().getPropertySources()
                .addLast(new MapPropertySource("parley-test-defaults", Map.<String, Object>copyOf(TEST_DEFAULTS)));
        // Above the services' own yml (which sets these), below the test's own properties.
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        MapPropertySource oneAddress = new MapPropertySource("parley-test-one-machine", Map.<String, Object>copyOf(ONE_MACHINE));
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, oneAddress);
        } else {
            sources.addFirst(oneAddress);
        }
    }

    /**
     * Every test is a crowd of users on one machine: from 127.0.0.1, so the per-address limits of
     * registration and sign-in, sized for one person's address, would refuse a suite's users; and racing
     * registrations on purpose, which production's few hashes at once would partly answer 503. The tests
     * of those limits set their own.
     */
    static final Map<String, String> ONE_MACHINE = Map.of(
            // Both halves of each allowance: a service whose yml has no such route still binds it whole.
            "parley.rate-limits.routes.registrations.burst", "1000000",
            "parley.rate-limits.routes.registrations.refill-one-every", "1ms",
            "parley.rate-limits.routes.sign-ins.burst", "1000000",
            "parley.rate-limits.routes.sign-ins.refill-one-every", "1ms",
            "parley.auth.sign-in.failures-per-address-burst", "1000000",
            "parley.auth.sign-in.concurrent-hashes", "64");

    /**
     * Settings a test may override. The command side sheds a command it cannot decide within its sender's
     * budget (3 s in production); a test machine busy with other builds can be that slow without anything
     * being wrong, so tests give commands 15 s, under {@link ChatSocket}'s 20 s wait for a reply. The tests
     * of the deadlines set their own.
     */
    static final Map<String, String> TEST_DEFAULTS = Map.of("parley.commands.reply-timeout", "15s");

    static Map<String, String> testSettings() {
        String p = InfraSettings.PREFIX;
        int offset = portOffset();
        return Map.ofEntries(
                Map.entry(p + "data-dir", dataDir().toString()),
                Map.entry(p + "postgres.port", String.valueOf(25432 + offset)),
                Map.entry(p + "kafka.port", String.valueOf(29092 + offset)),
                Map.entry(p + "kafka.controller-port", String.valueOf(29093 + offset)),
                Map.entry(p + "cassandra.port", String.valueOf(29042 + offset)),
                Map.entry(p + "cassandra.storage-port", String.valueOf(27000 + offset)),
                Map.entry(p + "redis.port", String.valueOf(26379 + offset)),
                Map.entry(p + "redis.persistent", "false"),
                // Tests never survive a power cut; durability costs them a disk flush per commit.
                Map.entry(p + "postgres.durable", "false"),
                Map.entry(p + "s3.port", String.valueOf(29000 + offset)),
                // The test servers run without logins (Cassandra's costs start time); S3 has no default keys.
                Map.entry(p + "s3.access-key", "parley-tests"),
                Map.entry(p + "s3.secret-key", "parley-tests-only-secret"));
    }

    /**
     * {@code PARLEY_TEST_PORT_OFFSET} moves every test server's port, so that two clones of the project can
     * run their tests on one machine at once; unset, the ports are the documented ones.
     */
    /** {@code PARLEY_TEST_PORT_OFFSET}: added to every port the tests listen on, so two clones can test side by side. */
    public static int portOffset() {
        String offset = System.getenv("PARLEY_TEST_PORT_OFFSET");
        return offset == null || offset.isBlank() ? 0 : Integer.parseInt(offset.trim());
    }

    /** Where the shared test servers keep their data, logs and pid files. */
    public static Path dataDir() {
        return projectRoot().resolve("target/test-infra");
    }

    /** Maven passes the root as {@code parley.root}; from an IDE, the nearest folder up with {@code mvnw}. */
    public static Path projectRoot() {
        String configured = System.getProperty("parley.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root: set -Dparley.root");
        }
        return dir;
    }
}
