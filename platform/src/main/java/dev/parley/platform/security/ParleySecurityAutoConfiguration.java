package dev.parley.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.parley.platform.outage.OutageProperties;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every route needs a valid Parley access token but the protocol's public ones (health, registration,
 * sign-in, refresh); {@code /admin} also needs the admin role. Access tokens are short-lived HMAC-signed
 * JWTs that every node checks itself, and whose session ({@code sid}) it looks up among the revoked ones.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({AuthProperties.class, OutageProperties.class})
public class ParleySecurityAutoConfiguration {

    /** HS256 wants a key of at least 256 bits. */
    private static final int MIN_SECRET_BYTES = 32;
    public static final String ROLES_CLAIM = "roles";
    /** The claim naming the session an access token belongs to: what signing out revokes. */
    public static final String SESSION_CLAIM = "sid";
    /** The protocol's WebSocket endpoint. */
    public static final String WEBSOCKET_PATH = "/ws";

    @Bean
    SecretKey parleyTokenKey(AuthProperties properties) {
        String secret = properties.jwtSecret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("parley.auth.jwt-secret must be set to at least " + MIN_SECRET_BYTES
                    + " bytes, the same on every node (the standalone launcher generates one)");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * Signature, expiry, issuer, and a session that was not signed out. A service without Redis on its
     * classpath cannot check the last: it refuses every token rather than accept a revoked one.
     */
    @Bean
    JwtDecoder jwtDecoder(SecretKey parleyTokenKey, AuthProperties properties, ObjectProvider<RevokedSessions> revoked) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(parleyTokenKey).macAlgorithm(MacAlgorithm.HS256).build();
        RevokedSessions sessions = revoked.getIfAvailable();
        OAuth2TokenValidator<Jwt> notRevoked = sessions != null ? new SessionNotRevoked(sessions)
                : token -> OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                        "this service cannot check revocations", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(), new JwtIssuerValidator(properties.issuer()), notRevoked));
        return decoder;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StringRedisTemplate.class)
    static class Revocations {

        @Bean
        RevokedSessions revokedSessions(ObjectProvider<StringRedisTemplate> redis, ObjectMapper json, AuthProperties properties) {
            return new RevokedSessions(redis, json, properties);
        }
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey parleyTokenKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(parleyTokenKey));
    }

    /**
     * Tokens come in the Authorization header, never in a URL (gateways log URLs). The WebSocket upgrade,
     * which a browser cannot give headers, may instead carry a one-time ticket that a push node redeems
     * for the access token it stands for; a ticket it does not know leaves the request unauthenticated.
     */
    @Bean
    BearerTokenResolver bearerTokenResolver(ObjectProvider<SocketTickets> tickets) {
        DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
        return request -> {
            String ticket = WEBSOCKET_PATH.equals(request.getServletPath()) ? request.getParameter(SocketTickets.PARAMETER) : null;
            if (ticket == null) {
                return headerOnly.resolve(request);
            }
            SocketTickets redeemer = tickets.getIfAvailable();
            try {
                return redeemer == null ? null : redeemer.redeem(ticket);
            } catch (DataAccessException redisDown) {
                // To the entry point, which answers an outage 503 with Retry-After rather than a bare 500.
                throw new InvalidBearerTokenException("the ticket cannot be redeemed now", redisDown);
            }
        };
    }

    @Bean
    SecurityFilterChain parleySecurity(HttpSecurity http, ObjectMapper json, OutageProperties outage) throws Exception {
        ProblemResponses problems = new ProblemResponses(json, outage);
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(jwt -> authorities(jwt.getClaimAsStringList(ROLES_CLAIM)));
        return http
                // Bearer tokens in a header, no cookies: there is no session for a forged request to ride on.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/users", "/api/sessions", "/api/sessions/refresh").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/admin/**").hasRole("admin")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    private static Collection<GrantedAuthority> authorities(List<String> roles) {
        return roles == null ? List.of()
                : roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }
}
