package dev.parley.command.user;

import dev.parley.platform.security.AuthProperties;
import dev.parley.platform.security.ParleySecurityAutoConfiguration;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Signs the short-lived access tokens: the user, their roles, and the session that signing out revokes. */
@Component
class AccessTokens {

    record Signed(String token, Instant expiresAt) {
    }

    private final JwtEncoder encoder;
    private final AuthProperties properties;

    AccessTokens(JwtEncoder encoder, AuthProperties properties) {
        this.encoder = encoder;
        this.properties = properties;
    }

    Signed sign(UserAccounts.Account account, String sessionId, Instant now) {
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(account.userId().value())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("username", account.username())
                .claim(ParleySecurityAutoConfiguration.ROLES_CLAIM, account.roles())
                .claim(ParleySecurityAutoConfiguration.SESSION_CLAIM, sessionId)
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new Signed(token, expiresAt);
    }
}
