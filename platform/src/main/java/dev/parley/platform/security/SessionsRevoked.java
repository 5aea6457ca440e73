package dev.parley.platform.security;

import java.util.List;

/**
 * Announced on {@link dev.parley.platform.redis.RedisKeys#REVOKED_SESSIONS_CHANNEL} when sessions are
 * signed out, so that push nodes close their sockets at once.
 */
public record SessionsRevoked(String userId, List<String> sessionIds) {
}
