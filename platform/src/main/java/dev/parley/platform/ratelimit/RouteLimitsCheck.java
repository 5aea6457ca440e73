package dev.parley.platform.ratelimit;

import java.util.Map;
import java.util.TreeSet;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Stops a service's start when one of its routes names a limit that has no allowance configured, rather
 * than answering that route 500 at its first request.
 */
final class RouteLimitsCheck {

    private final RateLimitProperties properties;

    RouteLimitsCheck(RateLimitProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void onStarted(ContextRefreshedEvent started) {
        TreeSet<String> missing = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : started.getApplicationContext()
                .getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mapping.getHandlerMethods().entrySet()) {
                LimitedRoute limit = route.getValue().getMethodAnnotation(LimitedRoute.class);
                if (limit != null && properties.route(limit.value()) == null) {
                    missing.add(limit.value());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("routes name rate limits with no allowance; configure parley.rate-limits.routes."
                    + String.join(", parley.rate-limits.routes.", missing));
        }
    }
}
