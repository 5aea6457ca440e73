package dev.parley.web;

import java.net.URI;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the web app at {@code /}: its files are public (a browser fetches them before anyone signs in), and
 * they hold no secret; every API call the app makes still needs its access token, under Parley's own
 * security chain, which this one stands in front of for the page's paths only.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebClientProperties.class)
public class WebClientAutoConfiguration {

    /** The page, its own files and the libraries: every path the app is made of, and nothing else. */
    static final String[] PUBLIC_FILES = {"/", "/index.html", "/app/**", "/webjars/**"};

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain webClientFiles(HttpSecurity http, WebClientProperties properties, Environment environment) throws Exception {
        String policy = PageSecurityPolicy.forMediaOrigins(mediaOrigins(properties, environment));
        return http
                .securityMatcher(PUBLIC_FILES)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(files -> files
                        .requestMatchers(HttpMethod.GET, PUBLIC_FILES).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_FILES).permitAll()
                        .anyRequest().denyAll())
                // The resource handlers below say how long each kind of file may be kept.
                .headers(headers -> headers
                        .cacheControl(cache -> cache.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        // Media URLs carry their signature in the query: never send a page's address anywhere.
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /**
     * The app's own files are checked again on each load (cheap: Last-Modified, answered 304), so a new
     * version reaches every browser at once; a library's path names its version, so it is kept for long.
     */
    @Bean
    WebMvcConfigurer webClientResources(WebClientProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                String files = properties.filesLocation().endsWith("/") ? properties.filesLocation() : properties.filesLocation() + "/";
                registry.addResourceHandler("/index.html")
                        .addResourceLocations(files)
                        .setCacheControl(CacheControl.noCache());
                registry.addResourceHandler("/app/**")
                        .addResourceLocations(files + "app/")
                        .setCacheControl(CacheControl.noCache());
                registry.addResourceHandler("/webjars/**")
                        .addResourceLocations("classpath:/META-INF/resources/webjars/")
                        .setCacheControl(CacheControl.maxAge(properties.libraryMaxAge()).cachePublic().immutable());
            }
        };
    }

    /**
     * Where media URLs point (platform's MediaUrlProperties and S3Properties), read from the environment rather
     * than injected: a service serving the page need not sign media itself.
     */
    private static List<String> mediaOrigins(WebClientProperties properties, Environment environment) {
        if (!properties.mediaOrigins().isEmpty()) {
            return properties.mediaOrigins();
        }
        Binder binder = Binder.get(environment);
        URI endpoint = binder.bind("parley.media.public-endpoint", URI.class)
                .orElseGet(() -> binder.bind("parley.s3.endpoint", URI.class).orElse(null));
        return List.of(endpoint == null ? PageSecurityPolicy.AWS_S3_ORIGIN : PageSecurityPolicy.origin(endpoint));
    }
}
