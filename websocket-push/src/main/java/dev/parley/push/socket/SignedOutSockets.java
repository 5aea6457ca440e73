package dev.parley.push.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.UserId;
import dev.parley.platform.redis.RedisKeys;
import dev.parley.platform.security.SessionsRevoked;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes, with 4001, the sockets of sessions signed out anywhere: a socket's token was checked once, on
 * the upgrade, so without this a signed-out session would keep its sockets until the token expired.
 */
@Configuration
class SignedOutSockets {

    private static final Logger log = LoggerFactory.getLogger(SignedOutSockets.class);
    static final CloseStatus SIGNED_OUT = new CloseStatus(SocketKeepAlive.TOKEN_EXPIRED, "signed out: sign in again");

    @Bean
    RedisMessageListenerContainer signedOutSessionsListener(RedisConnectionFactory redis, LocalSockets sockets,
                                                            ObjectMapper json) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener((Message message, byte[] pattern) -> {
            try {
                SessionsRevoked revoked = json.readValue(message.getBody(), SessionsRevoked.class);
                sockets.closeSessions(new UserId(revoked.userId()), revoked.sessionIds(), SIGNED_OUT);
            } catch (IOException | RuntimeException unreadable) {
                log.warn("an unreadable revocation on {}: {}", RedisKeys.REVOKED_SESSIONS_CHANNEL, unreadable.toString());
            }
        }, new ChannelTopic(RedisKeys.REVOKED_SESSIONS_CHANNEL));
        return container;
    }
}
