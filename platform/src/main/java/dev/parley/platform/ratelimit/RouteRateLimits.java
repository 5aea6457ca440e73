package dev.parley.platform.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Takes a token of the route's {@link LimitedRoute} limit before the route runs (before its body is read
 * or bound, so that a malformed request counts too): {@code RATE_LIMITED}, answered 429 with
 * {@code Retry-After}, once the caller's bucket is empty. One Redis call per request.
 */
final class RouteRateLimits implements HandlerInterceptor {

    private final RateLimits limits;
    private final RateLimitProperties properties;
    private final Map<String, RateLimit> byName = new ConcurrentHashMap<>();

    RouteRateLimits(RateLimits limits, RateLimitProperties properties) {
        this.limits = limits;
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            LimitedRoute route = method.getMethodAnnotation(LimitedRoute.class);
            if (route != null) {
                byName.computeIfAbsent(route.value(), this::limit).take(caller(route.per(), request));
            }
        }
        return true;
    }

    private RateLimit limit(String name) {
        RateLimitProperties.Allowance allowance = properties.route(name);
        if (allowance == null) {
            throw new IllegalStateException("no parley.rate-limits.routes." + name + " is configured");
        }
        return limits.acrossInstances("route:" + name, allowance.bandwidth(), "too many requests: " + allowance.words());
    }

    private static String caller(LimitedRoute.Per per, HttpServletRequest request) {
        if (per == LimitedRoute.Per.USER) {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
                return "user:" + user.getName();
            }
        }
        // The address Tomcat reports: the trusted proxy's X-Forwarded-For when one is configured, else the peer's.
        return "address:" + request.getRemoteAddr();
    }
}
