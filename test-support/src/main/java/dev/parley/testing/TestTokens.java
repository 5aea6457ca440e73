package dev.parley.testing;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.parley.kernel.UserId;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Tokens for tests and benchmarks that act as a signed-in user without signing in: the claims the
 * command side's sign-in puts in (subject, issuer, roles, a session id of its own that nobody signs
 * out), signed with the application's own key.
 */
public final class TestTokens {

    private static final Duration VALID_FOR = Duration.ofHours(1);

    private TestTokens() {
    }

    /** An encoder with the test runs' key, for a client that runs without the application's context. */
    public static JwtEncoder encoder() {
        return new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(
                RealServers.TEST_JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
    }

    public static String sign(JwtEncoder tokens, UserId user, String... roles) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("parley").subject(user.value())
                .issuedAt(now).expiresAt(now.plus(VALID_FOR))
                .claim(ParleySecurityAutoConfiguration.ROLES_CLAIM, List.of(roles))
                .claim(ParleySecurityAutoConfiguration.SESSION_CLAIM, UUID.randomUUID().toString()).build();
        return tokens.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
