package dev.parley.bench;

import dev.parley.testing.RealServers;
import java.util.HashMap;
import java.util.Map;

/** What every benchmark's application is started with: the shared test servers, the test secret, any port. */
final class BenchmarkProperties {

    private BenchmarkProperties() {
    }

    /**
     * A mutable copy, for a benchmark to add its own settings to. {@code service} names the defaults file
     * of the service under test ({@code parley-<service>.yml}): this module's classpath holds several
     * services' {@code application.yml}, and which one Spring would pick is an accident of order.
     */
    static Map<String, Object> onRealServers(String service) {
        Map<String, Object> properties = new HashMap<>(RealServers.endpoints().springProperties());
        properties.put("spring.config.location", "classpath:parley-platform.yml,classpath:parley-" + service + ".yml");
        properties.put("parley.auth.jwt-secret", RealServers.TEST_JWT_SECRET);
        properties.put("server.port", "0");
        return properties;
    }
}
