package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageSecurityPolicyTest {

    @Test
    void scriptsAndStylesComeFromThePageAloneAndMediaFromTheStore() {
        String policy = PageSecurityPolicy.forMediaOrigins(List.of("http://localhost:8090"));

        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "style-src 'self';",
                "img-src 'self' blob: http://localhost:8090;", "connect-src 'self' http://localhost:8090;",
                "frame-ancestors 'none'").doesNotContain("unsafe");
    }

    @Test
    void anOriginIsTheEndpointsSchemeHostAndPortWithoutItsPath() {
        assertThat(PageSecurityPolicy.origin(URI.create("http://127.0.0.1:19000/"))).isEqualTo("http://127.0.0.1:19000");
        assertThat(PageSecurityPolicy.origin(URI.create("https://cdn.example.com/media"))).isEqualTo("https://cdn.example.com");
    }
}
