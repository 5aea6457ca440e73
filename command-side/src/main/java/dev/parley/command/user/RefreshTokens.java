package dev.parley.command.user;

import dev.parley.kernel.UserId;
import dev.parley.platform.security.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sign-in sessions and their refresh tokens in PostgreSQL ({@code sign_in_sessions},
 * {@code refresh_tokens}). A refresh token is 256 random bits, handed out once and kept only as its
 * SHA-256; each refresh replaces it (rotation) and moves the session's end ahead (sliding expiry).
 */
@Component
class RefreshTokens {

    /** 256 bits: unguessable, so a fast hash is enough to keep a copy of the table from being of use. */
    private static final int TOKEN_BYTES = 32;
    /** Longer than any token this class makes: a longer one is refused before it is hashed. */
    static final int MAX_TOKEN_CHARS = 64;

    /** A session id and the refresh token its holder gets. */
    record Issued(String sessionId, String refreshToken) {
    }

    /** What presenting a refresh token came to. */
    sealed interface Rotation {
        /** The token was the session's current one: here is its successor. */
        record Rotated(UserId user, Issued next) implements Rotation {
        }

        /** Unknown, or its session ended or expired. */
        record Refused() implements Rotation {
        }

        /** The token had been rotated already: someone holds a copy. The session is ended now. */
        record Reused(UserId user, String sessionId) implements Rotation {
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AuthProperties properties;

    RefreshTokens(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, AuthProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
    }

    /** Starts a session of {@code user} at {@code now}. */
    Issued start(UserId user, Instant now) {
        String sessionId = UUID.randomUUID().toString();
        String token = newToken();
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO sign_in_sessions (session_id, user_id, created_at, last_used_at, expires_at)"
                            + " VALUES (:session, :user, :now, :now, :expires)",
                    Map.of("session", sessionId, "user", user.value(), "now", at(now),
                            "expires", at(now.plus(properties.refreshTokenTtl()))));
            insert(token, sessionId, now);
        });
        return new Issued(sessionId, token);
    }

    /**
     * Replaces {@code token} with a new one of the same session. The token's row and its session's are
     * locked for the transaction: of two refreshes with one token, the second sees it rotated.
     */
    Rotation rotate(String token, Instant now) {
        if (!wellFormed(token)) {
            return new Rotation.Refused();
        }
        return transaction.execute(status -> {
            List<Map<String, Object>> found = jdbc.queryForList(
                    "SELECT s.session_id, s.user_id, s.expires_at, s.ended_at, t.rotated_at"
                            + " FROM refresh_tokens t JOIN sign_in_sessions s ON s.session_id = t.session_id"
                            + " WHERE t.token_hash = :hash FOR UPDATE",
                    Map.of("hash", hash(token)));
            if (found.isEmpty()) {
                return new Rotation.Refused();
            }
            Map<String, Object> row = found.get(0);
            String sessionId = (String) row.get("session_id");
            UserId user = new UserId((String) row.get("user_id"));
            boolean live = row.get("ended_at") == null
                    && ((Timestamp) row.get("expires_at")).toInstant().isAfter(now);
            if (!live) {
                return new Rotation.Refused();
            }
            if (row.get("rotated_at") != null) {
                end(sessionId, now);
                return new Rotation.Reused(user, sessionId);
            }
            jdbc.update("UPDATE refresh_tokens SET rotated_at = :now WHERE token_hash = :hash",
                    Map.of("now", at(now), "hash", hash(token)));
            jdbc.update("UPDATE sign_in_sessions SET last_used_at = :now, expires_at = :expires WHERE session_id = :session",
                    Map.of("now", at(now), "expires", at(now.plus(properties.refreshTokenTtl())), "session", sessionId));
            String next = newToken();
            insert(next, sessionId, now);
            return new Rotation.Rotated(user, new Issued(sessionId, next));
        });
    }

    /** Ends one session of {@code user}: its refresh tokens stop working. */
    void end(UserId user, String sessionId, Instant now) {
        jdbc.update("UPDATE sign_in_sessions SET ended_at = :now WHERE session_id = :session AND user_id = :user"
                + " AND ended_at IS NULL", Map.of("now", at(now), "session", sessionId, "user", user.value()));
    }

    /** Ends every session of {@code user} that could still be refreshed; their ids. */
    List<String> endAll(UserId user, Instant now) {
        return jdbc.queryForList("UPDATE sign_in_sessions SET ended_at = :now WHERE user_id = :user"
                        + " AND ended_at IS NULL AND expires_at > :now RETURNING session_id",
                Map.of("now", at(now), "user", user.value()), String.class);
    }

    private static boolean wellFormed(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_CHARS;
    }

    private void end(String sessionId, Instant now) {
        jdbc.update("UPDATE sign_in_sessions SET ended_at = :now WHERE session_id = :session",
                Map.of("now", at(now), "session", sessionId));
    }

    private void insert(String token, String sessionId, Instant now) {
        jdbc.update("INSERT INTO refresh_tokens (token_hash, session_id, issued_at) VALUES (:hash, :session, :now)",
                Map.of("hash", hash(token), "session", sessionId, "now", at(now)));
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
