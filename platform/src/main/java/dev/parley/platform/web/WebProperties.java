package dev.parley.platform.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How large a request body a service reads ({@code parley.web.*}).
 *
 * @param maxBodyBytes the largest body of any route not in a family below; larger is {@code 413}
 * @param routeBodyLimits families of routes with a limit of their own (the first that matches a path wins),
 *                        such as media uploads, which carry more than JSON does
 */
@ConfigurationProperties("parley.web")
public record WebProperties(@DefaultValue("65536") long maxBodyBytes, List<RouteBodyLimit> routeBodyLimits) {

    public WebProperties {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("parley.web.max-body-bytes must be 1 or more");
        }
        routeBodyLimits = routeBodyLimits == null ? List.of() : List.copyOf(routeBodyLimits);
    }

    /**
     * @param paths        path patterns of the family, as Spring MVC writes them ({@code /api/media/**})
     * @param maxBodyBytes the largest body a route of the family reads
     */
    public record RouteBodyLimit(List<String> paths, long maxBodyBytes) {
    }
}
