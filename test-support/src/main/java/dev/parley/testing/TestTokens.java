package dev.parley.testing;

import dev.parley.kernel.UserId;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Tokens for tests and benchmarks that act as a signed-in user without signing in: the claims the
 * command side's sign-in puts in (subject, issuer, roles), signed with the application's own key.
 */
public final class TestTokens {

    private static final Duration VALID_FOR = Duration.ofHours(1);

    private TestTokens() {
    }

    public static String sign(JwtEncoder tokens, UserId user, String... roles) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("parley").subject(user.value())
                .issuedAt(now).expiresAt(now.plus(VALID_FOR))
                .claim(ParleySecurityAutoConfiguration.ROLES_CLAIM, List.of(roles)).build();
        return tokens.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
