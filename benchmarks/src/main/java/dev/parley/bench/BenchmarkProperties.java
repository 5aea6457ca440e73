package dev.parley.bench;

import dev.parley.testing.RealServers;
import java.util.HashMap;
import java.util.Map;

/** What every benchmark's application is started with: the shared test servers, the test secret, any port. */
final class BenchmarkProperties {

    private BenchmarkProperties() {
    }

    /** A mutable copy, for a benchmark to add its own settings to. */
    static Map<String, Object> onRealServers() {
        Map<String, Object> properties = new HashMap<>(RealServers.endpoints().springProperties());
        properties.put("parley.auth.jwt-secret", RealServers.TEST_JWT_SECRET);
        properties.put("server.port", "0");
        return properties;
    }
}
